"""The QR code on a printed receipt: the public check of the filing's log entry, inline SVG, no JavaScript."""

from __future__ import annotations

import pytest
import segno
from django.template import Context, Template
from django.utils import translation

from tyndau.audit.models import Checkpoint
from tyndau.audit.selectors import receipt_for
from tyndau.audit.services import checkpoint_sign
from tyndau.audit.templatetags.audit import qr_svg, verification_url
from tyndau.audit.tests.helpers import record

pytestmark = pytest.mark.django_db

TAG = Template("{% load audit %}{% audit_receipt_qr obj %}")


def _thing() -> Checkpoint:
    """Any model row can carry log entries; a checkpoint is one the audit app owns."""
    record(1)
    return checkpoint_sign()


def test_the_receipt_carries_a_qr_code_of_the_entry_s_verification_url(client, settings):
    settings.SITE_URL = "https://tyndau.example"
    thing = _thing()
    first, _ = record(2, obj=thing)
    with translation.override("ru"):
        html = TAG.render(Context({"obj": thing}))
        url = verification_url(first)
    assert url == f"https://tyndau.example/ru/audit/?receipt={receipt_for(first)}"
    assert html.count("<svg ") == 1 and 'role="img"' in html and "<script" not in html
    assert f'aria-label="QR-код: адрес проверки квитанции журнала {receipt_for(first)}' in html
    assert "<title>QR-код" in html and url in html
    # The picture is the QR code of exactly that URL (segno, error correction M).
    path = str(qr_svg(url, "x")).split(' d="', 1)[1].split('"', 1)[0]
    assert f' d="{path}"' in html
    assert segno.make(url, error="m").version <= 5  # small enough to scan from paper
    # The URL it encodes answers: the entry is found and its bundle offered.
    page = client.get(url.removeprefix("https://tyndau.example")).content.decode()
    assert "This entry is in the public record" in page or "Эта запись есть в публичном журнале" in page


def test_no_entry_no_code():
    thing = _thing()
    assert TAG.render(Context({"obj": thing})).strip() == ""
