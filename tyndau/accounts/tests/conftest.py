from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache

VALID_IIN = "850315400015"
OTHER_IIN = "900720300121"
PASSWORD = "a-Long-pass-phrase-42"


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def link_in(body: str) -> str:
    match = re.search(r"https?://\S+", body)
    assert match, body
    return match.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]
