"""The petition counter other sites may embed: a small page allowed in frames everywhere, and an SVG badge.

Both are served from the materialised count (`selectors.petition_badge`, cached for the counting interval),
rendered once per process, language and host for that interval (`surge.shared_body`), and may be cached
publicly for it, so a counter on a busy news site stays cheap during a surge. They set no cookie and carry
nothing personal. Everything else on Tyndau refuses to be framed."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from tyndau.core.access import public
from tyndau.core.middleware import CONTENT_SECURITY_POLICY
from tyndau.core.preview_image import count_bucket, png_response, render_card
from tyndau.petitions import rules, selectors
from tyndau.petitions.models import SIGNABLE_STATUSES, Status
from tyndau.petitions.surge import shared_body

# The embed page's policy: ours, except that any site may frame it.
EMBED_POLICY = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *")


def _public_for_interval(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=rules.value("count_interval_seconds"))
    return response


def _shared_key(request: HttpRequest, kind: str, pk: int) -> str:
    # The host is in the key because the embed page links back to it; ALLOWED_HOSTS bounds the hosts.
    return f"{kind}:{pk}:{get_language()}:{request.scheme}://{request.get_host()}"


@public
@xframe_options_exempt
def embed(request: HttpRequest, pk: int) -> HttpResponse:
    def build() -> bytes:
        data = selectors.petition_badge(pk=pk)
        context = {
            "badge": data,
            "signable": data["status"] in SIGNABLE_STATUSES,
            "page_url": request.build_absolute_uri(reverse("petitions:detail", args=[pk])),
            "percent": min(100, data["signature_count"] * 100 // data["threshold"]) if data["threshold"] else 0,
        }
        return render_to_string("petitions/embed.html", context).encode()

    response = HttpResponse(shared_body(_shared_key(request, "embed", pk), build))
    response["Content-Security-Policy"] = EMBED_POLICY
    return _public_for_interval(response)


@public
def badge(request: HttpRequest, pk: int) -> HttpResponse:
    def build() -> bytes:
        data = selectors.petition_badge(pk=pk)
        label = _("Signatures") if data["status"] != Status.RESPONDED else _("Responded")
        return render_to_string("petitions/badge.svg", {"badge": data, "label": label}).encode()

    body = shared_body(_shared_key(request, "badge", pk), build)
    return _public_for_interval(HttpResponse(body, content_type="image/svg+xml; charset=utf-8"))


@public
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The link-preview image (og:image): the title and the counted signatures, bucketed, nothing else."""
    data = selectors.petition_badge(pk=pk)
    count = data["signature_count"]
    bucket = count_bucket(count)
    shown = number_format(bucket, force_grouping=True) + ("+" if bucket != count else "")
    threshold = number_format(data["threshold"], force_grouping=True)
    figure = ngettext("%(count)s signature of %(threshold)s", "%(count)s signatures of %(threshold)s", bucket) % {
        "count": shown,
        "threshold": threshold,
    }

    def draw() -> bytes:
        return render_card(title=data["title"], figure=figure, site=_("Tyndau"), kicker=_("E-petition"))

    digest = hashlib.sha256(data["title"].encode()).hexdigest()[:12]
    key = f"petitions:preview:{pk}:{bucket}:{data['status']}:{get_language()}:{digest}"
    return png_response(request, key=key, draw=draw, max_age=rules.value("count_interval_seconds"))
