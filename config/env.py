"""Typed readers for environment variables that fail loudly on bad values.

Every variable read here is listed in `.env.example` with its default and meaning.
A typo in production configuration must stop the process at start-up, not
silently fall back to a default (compare healthchecks' `envbool`/`envint`).
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE - {''})}, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped. The value is never echoed
    in errors: some lists hold keys (FIELD_ENCRYPTION_KEYS)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    for position, item in enumerate(items, start=1):
        if ";" in item or any(c.isspace() for c in item):
            raise ImproperlyConfigured(
                f"{name} is a comma-separated list (a,b,c); item {position} contains a space or a semicolon"
            )
    return items


def database_from_url(url: str, *, base_dir: str) -> dict[str, object]:
    """Turn `sqlite:///path` or `postgres://user:pw@host:port/name` into a DATABASES entry."""
    parsed = urlparse(url)
    scheme = parsed.scheme
    options: dict[str, object] = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    if scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path (one slash more), as dj-database-url reads them.
        path = unquote(parsed.path)[1:]
        if not path:
            raise ImproperlyConfigured("DATABASE_URL for SQLite needs a file path: sqlite:///var/tyndau.sqlite3")
        if not os.path.isabs(path):
            path = os.path.join(base_dir, path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {
                # WAL lets readers proceed while one writer commits; IMMEDIATE
                # transactions take the write lock up front instead of failing
                # half-way with "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_NAME") or None},
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL needs a database name")
        try:
            port = parsed.port
        except ValueError:
            # urllib's message would repeat the URL, password included.
            raise ImproperlyConfigured("DATABASE_URL has an invalid port") from None
        try:
            conn_max_age = int(str(options.pop("conn_max_age", "60")))
        except ValueError:
            raise ImproperlyConfigured("conn_max_age in DATABASE_URL must be a whole number of seconds") from None
        # Server-side prepared statements for the few hot statements of tyndau.core.db.fetchone_hot
        # (Django's own queries bind on the client and are never prepared). psycopg turns them off
        # unless a threshold is set, and Django sets none; `?prepare_threshold=none` turns them off,
        # e.g. behind a PgBouncer older than 1.21 in transaction mode (docs/operations.md).
        # Behind PgBouncer in transaction mode a cursor cannot outlive its transaction (Django's docs).
        no_server_cursors = str(options.pop("disable_server_side_cursors", "0")).lower() in {"1", "true", "yes"}
        threshold = str(options.pop("prepare_threshold", "5")).lower()
        if threshold in {"none", "off"}:
            options["prepare_threshold"] = None
        elif threshold.isdigit():
            options["prepare_threshold"] = int(threshold)
        else:
            raise ImproperlyConfigured("prepare_threshold in DATABASE_URL must be a whole number or none")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": True,
            "DISABLE_SERVER_SIDE_CURSORS": no_server_cursors,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {scheme!r} is not supported (use sqlite:// or postgres://)")
