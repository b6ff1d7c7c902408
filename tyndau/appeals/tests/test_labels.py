"""Appeals pages speak to people (issue 10.26): no raw values (True, partly, ISO dates), rule keys
(answer_wd), "(believed)" or region codes — human, translated labels on the public register and detail,
the citizen's detail, the receipt and the terms table."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest

from tyndau.appeals import services
from tyndau.appeals.rules import RULES

pytestmark = pytest.mark.django_db

# A stored value standing alone as an element's text, an ISO date as text, or a region's ISO code.
CODES = "True|False|None|partly|refused|explained|satisfied|upheld|rejected|[a-z]+_[a-z_]+"
RAW = re.compile(rf">\s*({CODES})\s*<|\d{{4}}-\d\d-\d\d\s*<|KZ-\d\d")


def _visible(html: str) -> str:
    """The page's text and attribute-free markup: no attributes (datetime="2026-..." is for machines)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<([a-zA-Z0-9]+)\s[^>]*>", r"<\1>", html)


@pytest.fixture
def answered(file_appeal: Any, cast: Any, ground: Any, at_monday: Any) -> Any:
    appeal = file_appeal(publish_consent=True)
    services.appeal_extend(
        actor=cast.supervisor_a, appeal=appeal, new_deadline=appeal.deadline + dt.timedelta(days=7), reason="Expert"
    )
    services.appeal_answer(
        actor=cast.official_a,
        appeal=appeal,
        outcome="partly",
        text="Part of it is done, part is not provided by law.",
        legal_grounds=[ground],
    )
    services.complaint_file(actor=cast.citizen, appeal=appeal, text="I disagree.", idempotency_key=uuid.uuid4())
    appeal.refresh_from_db()
    return appeal


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_terms_table_names_each_term(client: Any, lang: str) -> None:
    html = _visible(client.get(f"/{lang}/appeals/").content.decode())
    for key in RULES:
        assert key not in html, key
    assert "believed" not in html and "(believed)" not in html
    if lang == "ru":
        assert "Срок рассмотрения обращения" in html


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", ["citizen_detail", "receipt", "public_detail", "public_register"])
def test_appeal_pages_show_no_raw_values(page: str, lang: str, client: Any, answered: Any, cast: Any) -> None:
    client.force_login(cast.citizen)
    url = {
        "citizen_detail": f"/{lang}/appeals/a/{answered.number}/",
        "receipt": f"/{lang}/appeals/a/{answered.number}/receipt/",
        "public_detail": f"/{lang}/appeals/register/{answered.number}/",
        "public_register": f"/{lang}/appeals/register/?region={cast.region.pk}",
    }[page]
    html = _visible(client.get(url).content.decode())
    assert not RAW.search(html), RAW.search(html)


def test_citizen_timeline_reads_as_sentences(client: Any, answered: Any, cast: Any) -> None:
    client.force_login(cast.citizen)
    html = _visible(client.get(f"/en/appeals/a/{answered.number}/").content.decode())
    assert "<dt>On time</dt><dd>Yes</dd>" in html
    assert "<dt>Outcome</dt><dd>Partly satisfied</dd>" in html
    ru = _visible(client.get(f"/ru/appeals/a/{answered.number}/").content.decode())
    assert "<dd>Да</dd>" in ru and "<dd>Удовлетворено частично</dd>" in ru
