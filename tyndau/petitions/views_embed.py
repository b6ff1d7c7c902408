"""The petition counter other sites may embed: a small page allowed in frames everywhere, and an SVG badge.

Both are served from the materialised count (`selectors.petition_badge`, cached for the counting interval)
and may be cached publicly for that interval, so a counter on a busy news site stays cheap during a surge.
They set no cookie and carry nothing personal. Everything else on Tyndau refuses to be framed."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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

# The embed page's policy: ours, except that any site may frame it.
EMBED_POLICY = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *")


def _public_for_interval(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=rules.value("count_interval_seconds"))
    return response


@public
@xframe_options_exempt
def embed(request: HttpRequest, pk: int) -> HttpResponse:
    data = selectors.petition_badge(pk=pk)
    response = render(
        request,
        "petitions/embed.html",
        {
            "badge": data,
            "signable": data["status"] in SIGNABLE_STATUSES,
            "page_url": request.build_absolute_uri(reverse("petitions:detail", args=[pk])),
            "percent": min(100, data["signature_count"] * 100 // data["threshold"]) if data["threshold"] else 0,
        },
    )
    response["Content-Security-Policy"] = EMBED_POLICY
    return _public_for_interval(response)


@public
def badge(request: HttpRequest, pk: int) -> HttpResponse:
    data = selectors.petition_badge(pk=pk)
    label = _("Signatures") if data["status"] != Status.RESPONDED else _("Responded")
    response = render(
        request,
        "petitions/badge.svg",
        {"badge": data, "label": label},
        content_type="image/svg+xml; charset=utf-8",
    )
    return _public_for_interval(response)


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
