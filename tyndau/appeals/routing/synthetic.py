"""Generated labelled history with a planted signal, for the tests, the bench and trying the commands.

Each category has, per region, a usual body; in some districts a district body answers it instead; and
within a category one word in the text sends the appeal to a second body (a utility, say) — which the
"most common body for the category and district" baseline cannot see and a model that reads the text
can. 10 % of the labels are noise. Nothing here is real data.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from typing import IO

from tyndau.appeals.routing.model import Example

COLUMNS = ["id", "text", "category", "region", "district", "latitude", "longitude", "date", "author", "body"]
REGIONS = ["KZ-71", "KZ-75", "KZ-79", "KZ-11", "KZ-15"]
CATEGORIES = ["roads", "lighting", "water", "housing", "schools", "transport"]
WORDS = ["street", "yard", "near", "house", "since", "month", "please", "again", "broken", "people", "children"]
SIGNAL = {c: (f"{c}-special", f"{c}word") for c in CATEGORIES}  # (second body suffix, trigger word)


def examples(
    n: int, *, seed: int = 1, start: dt.date = dt.date(2024, 1, 1), days: int = 700, regions: int = len(REGIONS)
) -> Iterator[Example]:
    """`regions` above 5 adds made-up region codes (KZ-R06 …): more bodies, as in a whole country."""
    rng = random.Random(seed)
    places = REGIONS + [f"KZ-R{i:02d}" for i in range(len(REGIONS) + 1, regions + 1)]
    for i in range(n):
        region = rng.choice(places)
        district = f"d{rng.randrange(4)}"
        category = rng.choice(CATEGORIES)
        body = f"{region.lower()}-{category}"
        if district == "d0" and category in ("roads", "lighting"):
            body = f"{region.lower()}-{district}-akimat"
        words = [*rng.choices(WORDS, k=rng.randint(6, 14)), category]
        if rng.random() < 0.3:
            suffix, trigger = SIGNAL[category]
            words.append(trigger)
            body = f"{region.lower()}-{suffix}"
        if rng.random() < 0.1:
            body = f"{rng.choice(places).lower()}-{rng.choice(CATEGORIES)}"
        rng.shuffle(words)
        date = start + dt.timedelta(days=int(days * i / max(n, 1)))
        yield Example(" ".join(words), category, region, district, date, body)


def write_csv(handle: IO[str], n: int, *, seed: int = 1) -> None:
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    for i, e in enumerate(examples(n, seed=seed)):
        writer.writerow(
            [f"x{i}", e.text, e.category, e.region, e.district, "", "", e.date.isoformat(), f"a{i % 97}", e.body]
        )
