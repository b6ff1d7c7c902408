"""The compiled USWDS subset (tyndau/core/sass/uswds.scss) defines every USWDS class the templates use."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

FULL_USWDS = Path(settings.BASE_DIR) / "node_modules" / "@uswds" / "uswds" / "dist" / "css" / "uswds.min.css"
_CLASS_ATTRIBUTE = re.compile(r"""class=["']([^"']*)["']|["']class["']:\s*["']([^"']*)["']""")


def defined_classes(css: str) -> set[str]:
    return {name.replace("\\:", ":") for name in re.findall(r"\.((?:[a-zA-Z][\w-]*)(?:\\:[\w-]+)?)", css)}


def used_classes() -> dict[str, str]:
    used: dict[str, str] = {}
    root = Path(settings.BASE_DIR) / "tyndau"
    for path in [*root.glob("*/templates/**/*.html"), *root.glob("*/*.py"), *root.glob("*/*/*.py")]:
        for match in _CLASS_ATTRIBUTE.finditer(path.read_text(encoding="utf-8")):
            for token in re.split(r"[\s{}%]+", match.group(1) or match.group(2)):
                used.setdefault(token, str(path.relative_to(root)))
    return used


def test_every_uswds_class_the_templates_use_is_compiled() -> None:
    built = finders.find("vendor/uswds/css/uswds.min.css")
    assert built, "run scripts/build_assets.py"
    full = defined_classes(FULL_USWDS.read_text(encoding="utf-8"))
    ours = defined_classes(Path(built).read_text(encoding="utf-8"))
    missing = {name: where for name, where in used_classes().items() if name in full and name not in ours}
    assert not missing, (
        "USWDS classes used but not compiled; add their package or utility to tyndau/core/sass/uswds.scss: "
        + ", ".join(f"{name} ({where})" for name, where in sorted(missing.items()))
    )
