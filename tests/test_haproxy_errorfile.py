"""HAProxy's own 503 page (deploy/haproxy/503.http, issue 17): a whole HTTP response HAProxy sends as it is,
so its Content-Length must be the body's, and it speaks Kazakh, Russian and English."""

from __future__ import annotations

from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "deploy" / "haproxy" / "503.http"


def test_the_haproxy_error_page_is_a_whole_response_in_three_languages() -> None:
    head, _, body = PAGE.read_bytes().partition(b"\r\n\r\n")
    lines = head.decode("ascii").split("\r\n")
    assert lines[0] == "HTTP/1.0 503 Service Unavailable"
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    assert int(headers["content-length"]) == len(body)
    assert headers["content-type"] == "text/html; charset=utf-8" and headers["retry-after"].isdigit()
    text = body.decode("utf-8")
    for lang, words in (
        ("kk", "Қызмет уақытша қолжетімсіз"),
        ("ru", "Сервис временно недоступен"),
        ("en", "unavailable"),
    ):
        assert f'lang="{lang}"' in text and words in text
    assert "<script" not in text and "style=" not in text  # our CSP: no inline script or style
