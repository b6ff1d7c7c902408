"""Pytest fixtures of the quality harness (registered by the root conftest.py).

`harness_site` seeds the portal once per test module inside a transaction that
is rolled back afterwards (like TestCase.setUpClass), and crawls it. Tests that
use it read the crawl; the ones that need more requests also take `db`, which
nests a savepoint inside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.harness.site import Crawl, SeededSite, crawl, seed_site


class HarnessSite:
    def __init__(self, site: SeededSite, crawl_result: Crawl) -> None:
        self.site = site
        self.crawl = crawl_result

    @property
    def cast(self) -> Any:
        return self.site.cast


@pytest.fixture(scope="module")
def harness_site(django_db_setup: Any, django_db_blocker: Any) -> Iterator[HarnessSite]:
    from django.db import connections, transaction

    with django_db_blocker.unblock():
        for alias in connections:
            name = str(connections[alias].settings_dict["NAME"])
            # pytest-django creates test databases only when a collected test carries
            # @pytest.mark.django_db; without one we would be writing to the real database.
            assert "memory" in name or name.rsplit("/", 1)[-1].startswith("test"), (
                f"harness_site needs a test database, got {name!r}: mark the module @pytest.mark.django_db"
            )
        atomics = [transaction.atomic(using=alias) for alias in connections]
        for atomic in atomics:
            atomic.__enter__()
        try:
            site = seed_site()
            yield HarnessSite(site, crawl(site))
        finally:
            for alias in connections:
                transaction.set_rollback(True, using=alias)
            for atomic in reversed(atomics):
                atomic.__exit__(None, None, None)
