"""`{% load audit %}{% audit_timeline appeal %}` renders the object's public history."""

from __future__ import annotations

from typing import Any

import segno
from django import template
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from tyndau.audit.models import Event
from tyndau.audit.selectors import first_event_of, receipt_for, timeline_for

register = template.Library()


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(obj: models.Model) -> dict[str, Any]:
    return {"timeline": timeline_for(obj)}


register.filter("receipt", receipt_for)


def verification_url(event: Event) -> str:
    """The public page that checks this log entry (and offers its receipt bundle), absolute, in the active language."""
    return f"{settings.SITE_URL}{reverse('audit:verify')}?{urlencode({'receipt': receipt_for(event)})}"


def qr_svg(data: str, label: str) -> SafeString:
    """An inline SVG QR code (segno; no JavaScript, no image request) labelled for screen readers."""
    svg = segno.make(data, error="m").svg_inline(scale=3, border=4, title=label, svgclass="tyndau-qr", lineclass=None)
    # segno escapes the title; the same escaped text labels the image for assistive technology.
    title = svg[svg.index("<title>") + 7 : svg.index("</title>")]
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{title}" ', 1))  # noqa: S308 - segno output


@register.inclusion_tag("audit/_receipt_qr.html")
def audit_receipt_qr(obj: models.Model) -> dict[str, Any]:
    """The QR code of the object's first log entry (its filing), for a printed receipt; nothing if it has none."""
    event = first_event_of(obj)
    if event is None:
        return {"event": None}
    url = verification_url(event)
    label = gettext("QR code: the address that checks log receipt %(code)s in the public record") % {
        "code": receipt_for(event)
    }
    return {"event": event, "code": receipt_for(event), "url": url, "svg": qr_svg(url, label)}
