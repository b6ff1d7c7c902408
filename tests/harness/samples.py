"""Hand-written URL samples for routes whose kwargs the harness cannot guess.

Key: the namespaced URL name (`appeals:detail`). Value: a function returning a
list of `(kwargs, rows)` pairs, best first; `rows` are the model instances the
kwargs point at (used for the own-body / other-body checks). Called inside the
seeded database. Prefer fixing the guess (name the kwarg after the model:
`<int:appeal_pk>`) over adding an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

URL_SAMPLES: dict[str, Callable[[], list[tuple[dict[str, Any], list[Any]]]]] = {}
