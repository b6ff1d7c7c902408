"""The one search box: ranking, three languages, the public rules, bounds, the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tyndau.authorities.models import LegalGround
from tyndau.petitions.models import Status
from tyndau.search import selectors
from tyndau.search.tests.conftest import SECRET_ADDRESS, SECRET_PHONE, make_petition

pytestmark = pytest.mark.django_db
SEARCH_EN = "/en/search/"  # English page text is asserted; the other languages have their own test


def _titles(kind: str, q: str) -> list[str]:
    terms = selectors.parse(q)
    assert terms is not None
    return [hit.title for hit in selectors.search_kind(terms, kind=kind, page=1).hits]


def test_a_title_match_outranks_a_body_match(cast: Any) -> None:
    # The title match is the older row: newest-first alone would put the body match first.
    title_match = make_petition(cast, title="Көпір салу туралы", text="Өзен арқылы өтетін жол керек.")
    body_match = make_petition(cast, title="Жаңа саябақ", text="Саябақ жанында көпір салу керек.")
    assert _titles("petitions", "көпір") == [title_match.title, body_match.title]
    # Two words: the row with both in its title outranks one with one in the title, one in the text.
    both = make_petition(cast, title="Алматы көпірі", text="Мәтін.")
    one = make_petition(cast, title="Алматы саябағы", text="Көпір туралы.")
    assert _titles("petitions", "алматы көпір") == [both.title, one.title]


def test_every_word_is_needed_and_a_prefix_is_enough(cast: Any) -> None:
    make_petition(cast, title="Ремонт дороги в Алматы")
    make_petition(cast, title="Ремонт школы")
    assert _titles("petitions", "ремонт дорог") == ["Ремонт дороги в Алматы"]
    assert _titles("petitions", "РЕМОНТ") == ["Ремонт школы", "Ремонт дороги в Алматы"]


@pytest.mark.parametrize(
    ("query", "language"),
    [("әкімдігі", "kk"), ("акимат", "ru"), ("akimat", "en")],
)
def test_bodies_are_found_by_their_name_in_each_language(cast: Any, query: str, language: str) -> None:
    cast.body_b.name_kk = "Сарыарқа ауданының әкімдігі"
    cast.body_b.name_ru = "Акимат района Сарыарка"
    cast.body_b.name_en = "Saryarka district akimat"
    cast.body_b.save()
    response = Client().get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'/{language}/authorities/{cast.body_b.slug}/"' in body
    # The name is shown in the page's language.
    shown = {"kk": cast.body_b.name_kk, "ru": cast.body_b.name_ru, "en": cast.body_b.name_en}[language]
    assert shown in body


def test_legal_grounds_are_found_by_meaning_in_kazakh(db: Any) -> None:
    LegalGround.objects.create(
        code="test-search-ground",
        domain="appeals",
        law="Test Code",
        article="Art. 999",
        text_kk="Өтініш қайталанған жағдайда қаралмайды",
        text_ru="Повторное обращение не рассматривается",
        text_en="A repeated appeal is not considered",
    )
    assert _titles("grounds", "қайталанған") == ["Test Code, Art. 999"]
    assert _titles("grounds", "повторное") == ["Test Code, Art. 999"]


def test_hidden_petitions_never_appear(cast: Any, offensive_ground: LegalGround) -> None:
    make_petition(cast, title="Жасыл көше: тізімде")
    make_petition(cast, title="Жасыл көше: жоба", status=Status.DRAFT, listed=False)
    make_petition(cast, title="Жасыл көше: модерацияда", status=Status.MODERATION, listed=False)
    make_petition(cast, title="Жасыл көше: 50 қолға дейін", listed=False)
    make_petition(
        cast, title="Жасыл көше: қорлайтын", status=Status.REJECTED, rejection_ground=offensive_ground, listed=False
    )
    assert _titles("petitions", "жасыл") == ["Жасыл көше: тізімде"]
    response = Client().get(SEARCH_EN, {"q": "жасыл"})
    assert "қорлайтын" not in response.content.decode()
    assert "модерацияда" not in response.content.decode()


def test_only_published_appeals_appear_and_without_personal_data(cast: Any, file_appeal: Any) -> None:
    published = file_appeal("Сломан фонарь", "Фонарь у остановки не горит неделю.", publish=True)
    private = file_appeal("Сломан фонарь во дворе", "Фонарь во дворе не горит.", publish=False)
    terms = selectors.parse("фонарь")
    assert terms is not None
    page = selectors.search_kind(terms, kind="appeals", page=1)
    assert [hit.url for hit in page.hits] == [reverse("appeals:register_detail", args=[published.number])]
    for client_get in (
        Client().get(SEARCH_EN, {"q": "фонарь"}),
        Client().get("/api/v1/search", {"q": "фонарь"}),
        Client().get(SEARCH_EN, {"q": "фонарь", "kind": "appeals"}),
    ):
        content = client_get.content.decode()
        assert client_get.status_code == 200
        assert private.number not in content
        for secret in (SECRET_PHONE, "7011234567", SECRET_ADDRESS, "flat 5", "Серікова", "citizen@example.kz"):
            assert secret not in content, secret


def test_an_empty_search_shows_guidance() -> None:
    response = Client().get(SEARCH_EN)
    assert response.status_code == 200
    assert "What you can find here" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "at most 200 characters"),
        ("мост\x00", "control characters"),
        ("мост\x1b[31m", "control characters"),
        ("%%% ''' &|!", "at least one word"),
    ],
)
def test_bad_searches_get_a_clear_message_and_keep_the_text(db: Any, query: str, message: str) -> None:
    response = Client().get(SEARCH_EN, {"q": query})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'role="alert"' in body
    api = Client().get("/api/v1/search", {"q": query}, headers={"accept-language": "en"})
    assert api.status_code == 422
    if len(query) <= 200:
        assert message in api.json()["detail"]


def test_tsquery_operators_are_plain_words(cast: Any) -> None:
    make_petition(cast, title="Мост через реку")
    terms = selectors.parse("мост & !(река) | 'x':*")
    assert terms is not None
    assert terms.words == ("мост", "река", "x")
    assert terms.tsquery() == "мост:* & река:* & x:*"


def test_many_words_and_long_words_are_bounded(db: Any) -> None:
    terms = selectors.parse(" ".join(f"w{i}" for i in range(30)))
    assert terms is not None
    assert len(terms.words) == selectors.query.MAX_WORDS
    terms = selectors.parse("я" * 120)
    assert terms is not None
    assert terms.words == ("я" * selectors.query.MAX_WORD,)
    response = Client().get(SEARCH_EN, {"q": "я" * 199, "page": "99999999999999999999"})
    assert response.status_code == 200


def test_groups_with_counts_and_one_kind_paged(cast: Any) -> None:
    for n in range(25):
        make_petition(cast, title=f"Велодорожка номер {n}")
    response = Client().get(SEARCH_EN, {"q": "велодорожка"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "25 results" in body
    assert "kind=petitions" in body  # the link to every result of the kind
    first = Client().get(SEARCH_EN, {"q": "велодорожка", "kind": "petitions"}).content.decode()
    second = Client().get(SEARCH_EN, {"q": "велодорожка", "kind": "petitions", "page": 2})
    assert first.count("tyndau-break") - second.content.decode().count("tyndau-break") > 0
    assert "page=2" in first
    api = Client().get("/api/v1/search", {"q": "велодорожка", "kind": "petitions", "page": 2}).json()
    assert api["groups"][0]["count"] == 25
    assert len(api["groups"][0]["hits"]) == 5
    assert api["groups"][0]["hits"][0]["signatures"] == 0


def test_the_count_is_capped_and_says_so(cast: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from tyndau.search.selectors import engine

    monkeypatch.setattr(engine, "CANDIDATES", 3)
    for n in range(5):
        make_petition(cast, title=f"Аялдама {n}")
    terms = selectors.parse("аялдама")
    assert terms is not None
    page = selectors.search_kind(terms, kind="petitions", page=1)
    assert (page.count, page.capped) == (3, True)
    body = Client().get(SEARCH_EN, {"q": "аялдама"}).content.decode()
    assert "more than 3" in body
    assert "More than 3 results" in body


def test_the_header_has_the_search_box(db: Any) -> None:
    body = Client().get(reverse("core:home")).content.decode()
    assert f'action="{reverse("search:index")}"' in body
    assert 'for="site-search"' in body


def test_the_api_is_in_the_schema(db: Any) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"]


postgresql_only = pytest.mark.skipif(
    __import__("django.db", fromlist=["connection"]).connection.vendor != "postgresql",
    reason="stored tsvector columns and GIN indexes are PostgreSQL's",
)


@postgresql_only
@pytest.mark.postgres
def test_postgresql_searches_the_stored_vectors_through_their_indexes(cast: Any, file_appeal: Any) -> None:
    from django.db import connection

    published = file_appeal("Жол жөндеу", "Көшедегі шұңқырлар.", publish=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM appeals_appeal WHERE id = %s", [published.pk])
        assert "'шұңқырлар'" in cursor.fetchone()[0]
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname IN ('appeal_search', 'appeal_search_by_id', 'petition_search') ORDER BY 1"
        )
        rows = cursor.fetchall()
    assert [name for name, _ in rows] == ["appeal_search_by_id", "petition_search"]
    assert "USING gin (search_vector, id) WHERE publish_consent" in rows[0][1]
    assert "USING gin (search_vector)" in rows[1][1]
    make_petition(cast, title="Жол белгісі", text="Белгі жоқ.")
    assert _titles("petitions", "жол белгі") == ["Жол белгісі"]
    titles = _titles("appeals", "шұңқырлар")
    assert len(titles) == 1 and published.number in titles[0]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "мост", "kind": "users"},
        {"q": "мост", "page": "0"},
        {"q": "мост", "page": str(2**63)},
        {"q": "мост", "page": "NaN"},
        {"kind": "appeals"},
    ],
)
def test_the_api_refuses_out_of_range_parameters(db: Any, params: dict[str, str]) -> None:
    assert Client().get("/api/v1/search", params).status_code == 422


def test_the_page_ignores_an_unknown_kind_and_a_wild_page(cast: Any) -> None:
    make_petition(cast, title="Мост через реку")
    body = Client().get(SEARCH_EN, {"q": "мост", "kind": "users", "page": "-5"}).content.decode()
    assert "Мост через реку" in body


@postgresql_only
@pytest.mark.postgres
@pytest.mark.parametrize("pattern", ["dense", "few_percent", "old_only", "rare", "none"])
def test_the_newest_matches_are_the_same_however_they_are_collected(
    cast: Any, file_appeal: Any, monkeypatch: pytest.MonkeyPatch, settings: Any, pattern: str
) -> None:
    """The window walk, the id range asked of the GIN index first and the rest of the table together give
    exactly the newest matches one plain query gives — whatever the word's density and where its matches are."""
    from tyndau.search.selectors import appeals as appeal_search
    from tyndau.search.selectors import engine

    monkeypatch.setattr(engine, "CANDIDATES", 5)
    monkeypatch.setattr(engine, "WINDOW", 8)
    monkeypatch.setattr(engine, "OLDER_IN_ONE_GO", 1)
    settings.TYNDAU_MAIL_LIMITS = {"appeal_filed": {"account": 100}}  # one citizen files the sixty appeals
    has_word = {
        "dense": lambda n: n % 2 == 0,
        "few_percent": lambda n: n % 7 == 0,
        "old_only": lambda n: n < 12 and n % 2 == 0,
        "rare": lambda n: n == 3,
        "none": lambda n: False,
    }[pattern]
    for n in range(60):
        text = "Пандус у входа." if has_word(n) else "Другое."
        file_appeal(f"Обращение {n}", text, publish=n % 5 != 4)
    source = next(v for v in vars(appeal_search).values() if isinstance(v, engine.Source))
    terms = selectors.parse("пандус")
    assert terms is not None
    plain = list(engine._matching(source, terms).order_by("-pk").values_list("pk", flat=True)[: engine.CANDIDATES + 1])
    assert engine._candidates(source, terms) == plain
