"""The documented production deploy: `collectstatic` with production settings (DEBUG off, the
compressed manifest storage), then pages and static files served through that storage.

Before: collectstatic stopped at the `.map` files the vendored USWDS files name but we do not ship,
the manifest was never written, and every page was a 500."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

call_command("migrate", verbosity=0)
client = Client(HTTP_HOST="tyndau.example.kz")
page = client.get("/en/", secure=True)
css = static("vendor/uswds/css/uswds.min.css")
asset = client.get(css, secure=True)
print(json.dumps({
    "debug": settings.DEBUG,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "page": page.status_code,
    "page_links_css": css in page.content.decode(),
    "css_hashed": css != "/static/vendor/uswds/css/uswds.min.css",
    "asset": asset.status_code,
    "asset_cache": asset.get("Cache-Control", ""),
}))
"""


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TYNDAU_TESTING", "DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": "production-static-probe-" + "x" * 60,
            "IIN_HASH_KEY": "production-static-probe-" + "y" * 40,
            "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(b"0" * 32).decode(),
            "AUDIT_SIGNING_KEY": base64.b64encode(b"1" * 32).decode(),
            "ALLOWED_HOSTS": "tyndau.example.kz",
            "TYNDAU_VAR_DIR": str(tmp_path),
            "STATIC_ROOT": str(tmp_path / "static"),
            "DATABASE_URL": f"sqlite:///{tmp_path}/probe.sqlite3",
        }
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_collectstatic_then_pages_and_static_files_are_served_with_production_settings(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    collected = _run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    assert collected.returncode == 0, collected.stderr[-3000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()
    probe = _run([sys.executable, "-c", PROBE], env)
    assert probe.returncode == 0, probe.stderr[-3000:]
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert result == {
        "debug": False,
        "storage": "tyndau.core.storage.StaticFilesStorage",
        "page": 200,
        "page_links_css": True,
        "css_hashed": True,
        "asset": 200,
        "asset_cache": "max-age=315360000, public, immutable",
    }, result
