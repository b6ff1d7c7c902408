"""The model file: written whole (to a temporary file, then renamed) by `train_routing`, loaded lazily by
each process on first use and again when the file changes. A missing or unreadable file means "no model":
the suggestion falls back to counts and the competence table, and filing never breaks.

The file is a joblib pickle that only this platform writes to a path only the operator sets
(`TYNDAU_ROUTING_MODEL_PATH`); it must never be a file from elsewhere (loading a pickle runs code).
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

import joblib
from django.conf import settings

from tyndau.appeals.routing.model import FORMAT, Bundle

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_cache: dict[str, tuple[float, Bundle | None]] = {}


def model_path() -> Path:
    return Path(settings.ROUTING_MODEL_PATH)


def save(bundle: Bundle, path: Path | None = None) -> Path:
    path = path or model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".routing-", suffix=".tmp")
    os.close(fd)
    try:
        joblib.dump(bundle, tmp, compress=3)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def load(path: Path | None = None) -> Bundle | None:
    """The current model, or None. One stat() per call; the file is read again only when it changed."""
    path = path or model_path()
    key = str(path)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    cached = _cache.get(key)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        bundle: Bundle | None
        try:
            bundle = joblib.load(path)
            if not isinstance(bundle, Bundle) or bundle.format != FORMAT:
                logger.warning("routing model %s has another format; ignored until retrained", path.name)
                bundle = None
        except Exception:  # a broken file must not break filing
            logger.exception("routing model %s could not be read; using the fallback", path.name)
            bundle = None
        _cache[key] = (mtime, bundle)
        return bundle


def forget() -> None:
    _cache.clear()
