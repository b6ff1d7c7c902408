"""Link-preview images (og:image) of petitions and published appeals: a PNG of public text only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from PIL import Image

from tyndau.core.preview_image import HEIGHT, WIDTH, count_bucket, render_card
from tyndau.search.tests.conftest import SECRET_PHONE, make_petition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "bucket"), [(0, 0), (99, 99), (100, 100), (1240, 1200), (56789, 56000), (1_234_567, 1_200_000)]
)
def test_count_bucket(count: int, bucket: int) -> None:
    assert count_bucket(count) == bucket


def _ink(png: bytes, box: tuple[int, int, int, int]) -> int:
    """How many dark pixels are in a box (text drawn there)."""
    image = Image.open(io.BytesIO(png)).convert("L").crop(box)
    return sum(1 for value in image.get_flattened_data() if value < 100)


def test_the_card_draws_kazakh_letters_in_the_site_font() -> None:
    kazakh = render_card(title="әәә ғғғ қққ ңңң өөө", figure="1", site="T")
    tofu = render_card(title="   ", figure="1", site="T")
    image = Image.open(io.BytesIO(kazakh))
    assert image.size == (WIDTH, HEIGHT)
    assert image.format == "PNG"
    assert _ink(kazakh, (72, 170, 1128, 250)) > 500
    assert _ink(tofu, (72, 170, 1128, 250)) == 0
    # A title too long for four lines ends with an ellipsis instead of running off the card.
    assert render_card(title="сөз " * 400, figure="1", site="T")


def test_a_petition_preview_is_a_cached_png_with_public_headers(cast: Any) -> None:
    petition = make_petition(cast, title="Көпір салу туралы", signature_count=1240)
    url = reverse("petitions:preview", args=[petition.pk])
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (WIDTH, HEIGHT)
    # Cached by petition and count bucket: 1,240 signatures are drawn as "1,200+".
    key = f"petitions:preview:{petition.pk}:1200:{petition.status}:kk:"
    assert any(k.startswith(key) for k in _cached_keys(petition.pk)), _cached_keys(petition.pk)
    again = Client().get(url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def _cached_keys(pk: int) -> list[str]:
    """The preview keys in the cache: local memory (SQLite runs) or Redis (PostgreSQL runs)."""
    pattern = f"petitions:preview:{pk}:"
    local = getattr(cache, "_cache", None)
    if isinstance(local, dict):
        keys = list(local)
    else:
        keys = [k.decode() for k in cache._cache.get_client().keys(f"*{pattern}*")]  # type: ignore[attr-defined]
    return [k[k.index(pattern) :] for k in keys if pattern in k]


def test_the_petition_page_links_the_preview(cast: Any) -> None:
    petition = make_petition(cast, title="Жаяу жүргіншілер көпірі")
    body = Client().get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert f'content="http://testserver{reverse("petitions:preview", args=[petition.pk])}"' in body
    assert '<meta name="twitter:card" content="summary_large_image">' in body


def test_no_preview_of_a_petition_the_public_cannot_see(cast: Any) -> None:
    from tyndau.petitions.models import Status

    draft = make_petition(cast, title="Жоба", status=Status.DRAFT, listed=False)
    assert Client().get(reverse("petitions:preview", args=[draft.pk])).status_code == 404
    assert Client().get(reverse("petitions:preview", args=[10**17])).status_code == 404


def test_a_published_appeal_has_a_preview_and_a_private_one_none(cast: Any, file_appeal: Any) -> None:
    published = file_appeal("Фонарь", "Не горит фонарь.", publish=True)
    private = file_appeal("Фонарь", "Не горит фонарь.", publish=False)
    response = Client().get(reverse("appeals:register_preview", args=[published.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    page = Client().get(reverse("appeals:register_detail", args=[published.number])).content.decode()
    assert reverse("appeals:register_preview", args=[published.number]) in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert SECRET_PHONE not in page.split("</head>")[0]
    assert Client().get(reverse("appeals:register_preview", args=[private.number])).status_code == 404
