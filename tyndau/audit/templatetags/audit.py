"""`{% load audit %}{% audit_timeline appeal %}` renders the object's public history."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from tyndau.audit.selectors import receipt_for, timeline_for

register = template.Library()


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(obj: models.Model) -> dict[str, Any]:
    return {"timeline": timeline_for(obj)}


register.filter("receipt", receipt_for)
