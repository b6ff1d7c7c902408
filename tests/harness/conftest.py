"""Fixtures of the quality harness.

`harness_site` seeds the portal once for the whole tests/harness package (the
demo data takes a while) inside a transaction that is rolled back afterwards,
like TestCase.setUpClass; `harness_crawl` is the same site, crawled. Tests that use it also take
`db`, which nests a savepoint inside it. pytest-django runs transactional tests
after all others, so they never meet the open transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.harness.site import Crawl, SeededSite, crawl, seed_site


class HarnessSite:
    def __init__(self, site: SeededSite) -> None:
        self.site = site
        self._crawl: Crawl | None = None

    @property
    def crawl(self) -> Crawl:
        # Computed by the `harness_crawl` fixture, outside any test's savepoint: the
        # crawl's sessions must outlive the test that first reads it.
        assert self._crawl is not None, "request the harness_crawl fixture"
        return self._crawl

    @property
    def cast(self) -> Any:
        return self.site.cast


@pytest.fixture(scope="package")
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
            yield HarnessSite(site)
        finally:
            for alias in connections:
                transaction.set_rollback(True, using=alias)
            for atomic in reversed(atomics):
                atomic.__exit__(None, None, None)


@pytest.fixture(scope="package")
def harness_crawl(harness_site: HarnessSite, django_db_blocker: Any) -> HarnessSite:
    if harness_site._crawl is None:
        with django_db_blocker.unblock():
            harness_site._crawl = crawl(harness_site.site)
    return harness_site


@pytest.fixture(autouse=True)
def _quiet_request_log() -> Iterator[None]:
    """The harness asks for refused pages on purpose: 403/404 warnings are noise."""
    import logging

    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)
