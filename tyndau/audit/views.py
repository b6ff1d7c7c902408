from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.audit.forms import ReceiptForm
from tyndau.audit.selectors import chain_status, receipt_check
from tyndau.core.access import public


@public
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone checks a receipt and sees the state of the chain; a GET form, no JavaScript."""
    form = ReceiptForm(request.GET if "receipt" in request.GET else None)
    check = receipt_check(code=form.cleaned_data["receipt"]) if form.is_bound and form.is_valid() else None
    return render(request, "audit/verify.html", {"form": form, "check": check, "status": chain_status()})
