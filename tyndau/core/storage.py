"""The production static files storage: WhiteNoise's compressed manifest storage, without
rewriting source-map comments.

The vendored USWDS files end with `sourceMappingURL=uswds.min.css.map` (and .js.map); we do not ship
the maps, and Django's manifest storage stops `collectstatic` at the first reference it cannot
resolve — the manifest is never written and every page is then a 500. A source map is only for a
developer's browser tools, so its comment is left as it is (a tool may ask for the map and get a
404). Every other reference — fonts, images, `@import` — is still hashed, and a missing one still
fails `collectstatic`, as it should.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns: Any) -> tuple[Any, ...]:
    def keep(pattern: Any) -> bool:
        regex = pattern[0] if isinstance(pattern, tuple) else pattern
        return "sourceMappingURL" not in regex

    return tuple((extension, tuple(filter(keep, group))) for extension, group in patterns)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
