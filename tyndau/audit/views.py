from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from tyndau.audit.forms import BundleForm, ReceiptForm
from tyndau.audit.selectors import bundle_check, chain_status, receipt_check
from tyndau.core.access import public


@public
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone checks a receipt and sees the state of the chain; a GET form, no JavaScript."""
    form = ReceiptForm(request.GET if "receipt" in request.GET else None)
    check = receipt_check(code=form.cleaned_data["receipt"]) if form.is_bound and form.is_valid() else None
    return render(request, "audit/verify.html", {"form": form, "check": check, "status": chain_status()})


# Why a bundle does not verify, by tyndau.audit.verify_receipt.Invalid.kind.
BUNDLE_FAILURES = {
    "format": _("The file is not a complete receipt bundle of this log."),
    "signature": _("Its checkpoint is not signed by the published key of this log."),
    "entry": _("The entry in the file does not match its hash: it was changed."),
    "inclusion": _("The entry is not in the log that the checkpoint signs."),
    "consistency": _("The log does not extend the one in the receipt."),
    "witness": _("Its checkpoint is not cosigned by enough of the independent witnesses this portal names."),
}


@public
@csrf_exempt  # verifying changes nothing and needs no session: no cookie for this page (ADR 0011)
def verify_bundle(request: HttpRequest) -> HttpResponse:
    """Anyone checks a downloaded receipt bundle against the published key, without JavaScript."""
    form = BundleForm(request.POST if request.method == "POST" else None)
    result = bundle_check(form.cleaned_data["bundle"]) if form.is_bound and form.is_valid() else None
    failure = BUNDLE_FAILURES.get(result.failure, "") if result is not None else ""
    status = 422 if form.is_bound and (not form.is_valid() or failure) else 200
    context = {"form": form, "result": result, "failure": failure}
    return render(request, "audit/verify_bundle.html", context, status=status)
