"""Settings: the environment readers fail loudly, production refuses to start
half-configured, `check --deploy` is clean, and every variable is documented."""

from __future__ import annotations

import base64
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[3]


# --- env_bool / env_int / env_list / env_str --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("", False),
    ],
)
def test_env_bool_accepts(monkeypatch, raw, value):
    monkeypatch.setenv("TYNDAU_X", raw)
    assert env_bool("TYNDAU_X", not value) is value


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "y e s"])
def test_env_bool_rejects_with_a_clear_message(monkeypatch, raw):
    monkeypatch.setenv("TYNDAU_X", raw)
    with pytest.raises(ImproperlyConfigured, match=rf"TYNDAU_X must be one of .*'true'.*got '{raw}'"):
        env_bool("TYNDAU_X", False)


def test_env_bool_default(monkeypatch):
    monkeypatch.delenv("TYNDAU_X", raising=False)
    assert env_bool("TYNDAU_X", True) is True


def test_env_int(monkeypatch):
    monkeypatch.setenv("TYNDAU_X", " 42 ")
    assert env_int("TYNDAU_X", 1) == 42
    monkeypatch.setenv("TYNDAU_X", "")
    assert env_int("TYNDAU_X", 7) == 7
    monkeypatch.delenv("TYNDAU_X")
    assert env_int("TYNDAU_X", 7) == 7


@pytest.mark.parametrize("raw", ["ten", "1.5", "1e3", "0x10"])
def test_env_int_rejects_non_integers(monkeypatch, raw):
    monkeypatch.setenv("TYNDAU_X", raw)
    with pytest.raises(ImproperlyConfigured, match=rf"TYNDAU_X must be a whole number, got '{re.escape(raw)}'"):
        env_int("TYNDAU_X", 1)


def test_env_int_rejects_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("TYNDAU_X", "0")
    with pytest.raises(ImproperlyConfigured, match="TYNDAU_X must be at least 1, got 0"):
        env_int("TYNDAU_X", 5, minimum=1)


def test_env_list(monkeypatch):
    monkeypatch.setenv("TYNDAU_X", " a.kz, b.kz ,,")
    assert env_list("TYNDAU_X", ["d"]) == ["a.kz", "b.kz"]
    monkeypatch.delenv("TYNDAU_X")
    assert env_list("TYNDAU_X", ["d"]) == ["d"]


@pytest.mark.parametrize("raw", ["a.kz;b.kz", "a.kz b.kz"])
def test_env_list_rejects_other_separators(monkeypatch, raw):
    monkeypatch.setenv("TYNDAU_X", raw)
    with pytest.raises(ImproperlyConfigured, match="TYNDAU_X is a comma-separated list"):
        env_list("TYNDAU_X", [])


def test_env_str(monkeypatch):
    monkeypatch.setenv("TYNDAU_X", "value")
    assert env_str("TYNDAU_X", "default") == "value"
    monkeypatch.delenv("TYNDAU_X")
    assert env_str("TYNDAU_X", "default") == "default"


# --- database_from_url ------------------------------------------------------------------------


def test_database_from_url_sqlite_relative_and_absolute():
    relative = database_from_url("sqlite:///var/db.sqlite3", base_dir="/srv/tyndau")
    assert relative["ENGINE"] == "django.db.backends.sqlite3"
    assert relative["NAME"] == "/srv/tyndau/var/db.sqlite3"
    assert database_from_url("sqlite:////data/db.sqlite3", base_dir="/srv")["NAME"] == "/data/db.sqlite3"


def test_database_from_url_postgres():
    db = database_from_url("postgres://tyndau:p%40ss@db.internal:6432/tyndau?sslmode=require", base_dir="/")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "tyndau",
        "tyndau",
        "p@ss",
        "db.internal",
        "6432",
    )
    assert db["OPTIONS"] == {"sslmode": "require", "prepare_threshold": 5}
    assert db["CONN_MAX_AGE"] == 60
    assert database_from_url("postgres://h/tyndau?conn_max_age=0", base_dir="/")["CONN_MAX_AGE"] == 0
    off = database_from_url("postgres://h/tyndau?prepare_threshold=none", base_dir="/")
    assert off["OPTIONS"] == {"prepare_threshold": None}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "DATABASE_URL scheme 'mysql' is not supported"),
        ("tyndau.sqlite3", "DATABASE_URL scheme '' is not supported"),
        ("sqlite://", "DATABASE_URL for SQLite needs a file path"),
        ("postgres://u@h:5432/", "DATABASE_URL for PostgreSQL needs a database name"),
        ("postgres://u@h:port/db", "DATABASE_URL has an invalid port"),
        ("postgres://u@h/db?conn_max_age=forever", "conn_max_age in DATABASE_URL must be a whole number"),
        ("postgres://u@h/db?prepare_threshold=always", "prepare_threshold in DATABASE_URL must be a whole number"),
    ],
)
def test_database_from_url_rejects_bad_urls(url, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        database_from_url(url, base_dir="/")


def test_database_url_errors_never_echo_the_password():
    with pytest.raises(ImproperlyConfigured) as caught:
        database_from_url("postgres://u:s3cret@h:port/db", base_dir="/")
    assert "s3cret" not in str(caught.value)


# --- production configuration (subprocesses: settings are read once per process) --------------


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TYNDAU_"))}
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        IIN_HASH_KEY=secrets.token_urlsafe(32),
        FIELD_ENCRYPTION_KEYS=f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}",
        AUDIT_SIGNING_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS="tyndau.kz,www.tyndau.kz",
        TYNDAU_VAR_DIR=str(tmp_path / "var"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v != "<unset>"}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


IMPORT_SETTINGS = ["-c", "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"]


def test_production_settings_load(tmp_path):
    result = run(IMPORT_SETTINGS, production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "IIN_HASH_KEY", "FIELD_ENCRYPTION_KEYS"])
def test_production_refuses_to_start_without_a_secret(tmp_path, missing):
    result = run(IMPORT_SETTINGS, production_env(tmp_path, **{missing: "<unset>"}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_the_development_secret_key(tmp_path):
    result = run(IMPORT_SETTINGS, production_env(tmp_path, SECRET_KEY="short"))
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in result.stderr


def test_production_refuses_a_malformed_encryption_key(tmp_path):
    result = run(IMPORT_SETTINGS, production_env(tmp_path, FIELD_ENCRYPTION_KEYS="not-a-key"))
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS item 1 is not a Fernet key" in result.stderr
    assert "not-a-key" not in result.stderr.splitlines()[-1]


def test_a_typo_in_a_boolean_stops_start_up(tmp_path):
    result = run(IMPORT_SETTINGS, production_env(tmp_path, DEBUG="flase"))
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_check_deploy_is_clean(tmp_path):
    env = {**production_env(tmp_path), "STATIC_ROOT": str(tmp_path / "static")}
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_says_when_collectstatic_has_not_run(tmp_path):
    """Before: silent, and every page of the deploy was then a 500."""
    env = {**production_env(tmp_path), "STATIC_ROOT": str(tmp_path / "never-collected")}
    result = run(["manage.py", "check", "--deploy"], env)
    assert result.returncode != 0
    assert "tyndau.E002" in result.stdout + result.stderr


# --- .env.example documents every variable ----------------------------------------------------

_READS = re.compile(
    r"""(?:env_(?:str|bool|int|list)\(\s*|os\.environ\.get\(\s*|getenv\(\s*)["']([A-Z][A-Z0-9_]*)["']"""
)


def variables_read() -> set[str]:
    names: set[str] = set()
    for path in [ROOT / "config" / "settings.py", ROOT / "config" / "env.py"]:
        names |= set(_READS.findall(path.read_text()))
    return names


def test_every_variable_is_in_env_example():
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    read = variables_read()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "FIELD_ENCRYPTION_KEYS"} <= read
    assert read - documented == set(), "add these to .env.example with their default and meaning"
