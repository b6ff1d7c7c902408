"""GeoReport v2 responses in both formats: JSON and XML served as text/xml, errors in the spec's shape."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse, JsonResponse

from tyndau.core.bounds import xml_safe

# The element name of a list item, by the name of the list (GeoReport v2 XML).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}


def _xml(name: str, value: Any) -> str:
    if isinstance(value, list):
        item = ITEM_NAMES.get(name, "item")
        return f"<{name}>" + "".join(_xml(item, v) for v in value) + f"</{name}>"
    if isinstance(value, dict):
        return f"<{name}>" + "".join(_xml(k, v) for k, v in value.items()) + f"</{name}>"
    if value is None:
        return f"<{name}/>"
    if isinstance(value, bool):
        value = "true" if value else "false"
    # Characters XML 1.0 cannot carry (control characters in old data, say) are dropped.
    return f"<{name}>{escape(xml_safe(str(value)))}</{name}>"


def respond(fmt: str, root: str, data: Any, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        body = '<?xml version="1.0" encoding="utf-8"?>' + _xml(root, data)
        return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)
    return JsonResponse(data, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def error(fmt: str, code: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": code, "description": description}], status=code)
