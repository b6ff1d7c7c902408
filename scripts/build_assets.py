"""Copy the pinned front-end packages from node_modules into static files.

USWDS 3 and HTMX come from npm (package-lock.json pins them); nothing is
downloaded at run time and no CDN is used.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "tyndau" / "core" / "static" / "vendor"

COPIES = [
    (NODE / "@uswds" / "uswds" / "dist" / "css" / "uswds.min.css", VENDOR / "uswds" / "css" / "uswds.min.css"),
    (NODE / "@uswds" / "uswds" / "dist" / "js" / "uswds.min.js", VENDOR / "uswds" / "js" / "uswds.min.js"),
    (NODE / "@uswds" / "uswds" / "dist" / "js" / "uswds-init.min.js", VENDOR / "uswds" / "js" / "uswds-init.min.js"),
    (NODE / "@uswds" / "uswds" / "dist" / "fonts", VENDOR / "uswds" / "fonts"),
    (NODE / "@uswds" / "uswds" / "dist" / "img", VENDOR / "uswds" / "img"),
    (NODE / "htmx.org" / "dist" / "htmx.min.js", VENDOR / "htmx" / "htmx.min.js"),
    (NODE / "axe-core" / "axe.min.js", VENDOR / "axe" / "axe.min.js"),
]


def main() -> int:
    missing = [str(src) for src, _ in COPIES if not src.exists()]
    if missing:
        print("Missing front-end packages; run `npm ci` first:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    for src, dst in COPIES:
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
    print(f"assets: copied {len(COPIES)} items into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
