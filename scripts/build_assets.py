"""Build the front-end static files from the pinned npm packages (package-lock.json).

- USWDS 3: only the components Tyndau's templates use, compiled from USWDS's Sass
  packages by the `sass` npm package (tyndau/core/sass/uswds.scss), plus its JS and icons.
- Source Sans 3 (@fontsource/source-sans-3): the web font, with Latin, Cyrillic and the
  Kazakh letters. Its @font-face rules (one per unicode-range subset, woff2) open the
  compiled stylesheet, so a page downloads only the subsets its text uses.
- HTMX, Swagger UI (the API docs page) and axe-core (the accessibility tests).
- Leaflet (maps, docs/maps.md): its script, stylesheet, marker images and licence; loaded only by
  tyndau/maps.js, only when a page shows a map.

Nothing is downloaded at run time and no CDN is used. Output: tyndau/core/static/vendor.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "tyndau" / "core" / "static" / "vendor"
USWDS = NODE / "@uswds" / "uswds"
SASS_ENTRY = ROOT / "tyndau" / "core" / "sass" / "uswds.scss"
STYLESHEET = VENDOR / "uswds" / "css" / "uswds.min.css"

FONT_PACKAGE = NODE / "@fontsource" / "source-sans-3"
# Kazakh and Russian need cyrillic (А-я, і) and cyrillic-ext (ә ғ қ ң ө ұ ү һ); English needs latin.
FONT_SUBSETS = ("latin", "latin-ext", "cyrillic", "cyrillic-ext")
FONT_FACES = ("400", "700", "400-italic")  # what USWDS's type settings use: normal, bold, emphasis
FONT_DIR = VENDOR / "uswds" / "fonts" / "source-sans-3"  # $theme-font-path/source-sans-3

COPIES = [
    (USWDS / "dist" / "js" / "uswds.min.js", VENDOR / "uswds" / "js" / "uswds.min.js"),
    (USWDS / "dist" / "js" / "uswds-init.min.js", VENDOR / "uswds" / "js" / "uswds-init.min.js"),
    (USWDS / "dist" / "img", VENDOR / "uswds" / "img"),
    (NODE / "htmx.org" / "dist" / "htmx.min.js", VENDOR / "htmx" / "htmx.min.js"),
    (NODE / "swagger-ui-dist" / "swagger-ui-bundle.js", VENDOR / "swagger-ui" / "swagger-ui-bundle.js"),
    (NODE / "swagger-ui-dist" / "swagger-ui.css", VENDOR / "swagger-ui" / "swagger-ui.css"),
    (NODE / "swagger-ui-dist" / "LICENSE", VENDOR / "swagger-ui" / "LICENSE"),
    (FONT_PACKAGE / "LICENSE", FONT_DIR / "LICENSE"),
    (NODE / "axe-core" / "axe.min.js", VENDOR / "axe" / "axe.min.js"),
    (NODE / "leaflet" / "dist" / "leaflet.js", VENDOR / "leaflet" / "leaflet.js"),
    (NODE / "leaflet" / "dist" / "leaflet.css", VENDOR / "leaflet" / "leaflet.css"),
    (NODE / "leaflet" / "dist" / "images", VENDOR / "leaflet" / "images"),
    (NODE / "leaflet" / "LICENSE", VENDOR / "leaflet" / "LICENSE"),
]
# Source-map comments point at .map files we do not ship (collectstatic's manifest would look for them).
_SOURCE_MAP = re.compile(rb"\n?(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^*]*\*/)\s*$")
_FACE = re.compile(
    r"/\* source-sans-3-(?P<subset>[a-z-]+)-(?:\d+)-(?:normal|italic) \*/\s*(?P<rule>@font-face\s*\{[^}]*\})"
)


def copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    elif src.suffix in (".js", ".css"):
        dst.write_bytes(_SOURCE_MAP.sub(b"\n", src.read_bytes()))
    else:
        shutil.copy2(src, dst)


def font_faces() -> str:
    """The @font-face rules of the shipped subsets, pointing at the copied woff2 files."""
    rules = []
    for face in FONT_FACES:
        for match in _FACE.finditer((FONT_PACKAGE / f"{face}.css").read_text(encoding="utf-8")):
            if match.group("subset") not in FONT_SUBSETS:
                continue
            rule = match.group("rule")
            files = re.findall(r"url\(\./files/([^)]+\.woff2)\)", rule)
            for name in files:
                copy(FONT_PACKAGE / "files" / name, FONT_DIR / name)
            # woff2 only: every browser that runs USWDS 3 reads it.
            rule = re.sub(r"src:[^;]*;", f"src: url(../fonts/source-sans-3/{files[0]}) format('woff2');", rule)
            rules.append(re.sub(r"\s+", " ", rule))
    missing = {(s, f) for s in FONT_SUBSETS for f in FONT_FACES} - {
        (s, f) for s in FONT_SUBSETS for f in FONT_FACES if any(f"-{s}-{f.split('-')[0]}-" in r for r in rules)
    }
    if missing:
        raise SystemExit(f"assets: @fontsource/source-sans-3 lacks the faces {sorted(missing)}")
    return "\n".join(rules) + "\n"


def compile_uswds() -> None:
    """USWDS's Sass, the components in tyndau/core/sass/uswds.scss only, minified, no source map."""
    sass = NODE / ".bin" / "sass"
    STYLESHEET.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - our own node_modules/.bin/sass on our own files
        [
            str(sass),
            "--no-source-map",
            "--style=compressed",
            "--quiet",
            f"--load-path={USWDS / 'packages'}",
            str(SASS_ENTRY),
            str(STYLESHEET),
        ],
        check=True,
    )
    STYLESHEET.write_text(font_faces() + STYLESHEET.read_text(encoding="utf-8"), encoding="utf-8")


def main() -> int:
    needed = [src for src, _ in COPIES] + [NODE / ".bin" / "sass", USWDS / "packages", FONT_PACKAGE]
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        print("Missing front-end packages; run `npm ci` first:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    for src, dst in COPIES:
        copy(src, dst)
    compile_uswds()
    size = STYLESHEET.stat().st_size
    print(f"assets: {len(COPIES)} items and {STYLESHEET.name} ({size // 1024} KB) in {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
