"""The routing model: which body answers an appeal, and which category it is, from the category, the
place (region, district) and the text. Plain Python and scikit-learn, no Django: the commands, the bench
and the suggestion service all use it (docs/routing.md, ADR 0035).

Features are hashed (no vocabulary to store): the words of the text, and the category, the region, the
district and their crosses (category×region, category×district) as one-hot tokens. Two linear models
(SGD, logistic loss) are trained: body from everything, category from text and place. The bundle also
keeps the counts behind the reasons ("most appeals about roads in Almaty were answered by …").
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import f1_score

FORMAT = 2
# The linear models learn from the most recent appeals only (the counts behind the reasons and the
# baseline use all): training time stays bounded on a 2-core machine whatever the history's length.
MAX_ROWS = 200_000
TEXT_FEATURES = 2**15
PLACE_FEATURES = 2**12
TEXT_CHARS = 2_000  # only the beginning of a text counts: bounded cost per suggestion


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled appeal: strings only (slugs, ISO codes, district names), so any history fits."""

    text: str
    category: str
    region: str
    district: str
    date: dt.date
    body: str


@dataclass(slots=True)
class Ranked:
    label: str
    score: float


@dataclass
class Bundle:
    """What the model file holds."""

    body_model: Any
    category_model: Any
    # (kind, key...) -> Counter of bodies; kind "cr" category+region, "cd" category+district, "c" category.
    counts: dict[tuple[str, ...], Counter[str]]
    trained_at: str
    examples: int
    metrics: dict[str, Any] = field(default_factory=dict)
    format: int = FORMAT

    @property
    def version(self) -> str:
        return f"{self.trained_at}/{self.examples}"

    def rank_bodies(self, *, category: str, region: str, district: str, text: str, k: int = 3) -> list[Ranked]:
        return _top(self.body_model, features([text], [category], [region], [district]), k)[0]

    def rank_categories(self, *, region: str, district: str, text: str, k: int = 3) -> list[Ranked]:
        return _top(self.category_model, features([text], [""], [region], [district]), k)[0]


_text_hasher = HashingVectorizer(
    n_features=TEXT_FEATURES, alternate_sign=False, norm="l2", lowercase=True, dtype=np.float32
)
_place_hasher = FeatureHasher(n_features=PLACE_FEATURES, input_type="string", alternate_sign=False, dtype=np.float32)


def _place_tokens(category: str, region: str, district: str) -> list[str]:
    tokens = []
    if category:
        tokens.append(f"c={category}")
    if region:
        tokens.append(f"r={region}")
        if category:
            tokens.append(f"cr={category}|{region}")
    if district:
        tokens.append(f"d={region}|{district}")
        if category:
            tokens.append(f"cd={category}|{region}|{district}")
    return tokens


def features(texts: Sequence[str], categories: Sequence[str], regions: Sequence[str], districts: Sequence[str]) -> Any:
    text = _text_hasher.transform([t[:TEXT_CHARS] for t in texts])
    place = _place_hasher.transform(
        _place_tokens(c, r, d) for c, r, d in zip(categories, regions, districts, strict=True)
    )
    return sparse.hstack([text, place], format="csr", dtype=np.float32)


@dataclass
class Linear:
    """A fitted linear model reduced to what scoring needs: weights as a C-ordered float32 matrix
    (features × classes), so one suggestion is a sparse row times a dense matrix, no copy."""

    weights: Any
    bias: Any
    classes_: Any

    def scores(self, x: Any) -> Any:
        return np.asarray(x @ self.weights) + self.bias


def _classifier() -> SGDClassifier:
    # Logistic loss for comparable scores; a few epochs suffice on hashed sparse features.
    return SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=5, tol=None, random_state=0, n_jobs=1)


def _top(model: Linear | None, x: Any, k: int) -> list[list[Ranked]]:
    if model is None:
        return [[] for _ in range(x.shape[0])]
    classes = model.classes_
    scores = model.scores(x)
    k = min(k, len(classes))
    order = np.argsort(-scores, axis=1)[:, :k]
    result = []
    # A softmax over every class: a share that sums to one across the bodies, for the reasons shown.
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    shares = shifted / shifted.sum(axis=1, keepdims=True)
    for row, idx in enumerate(order):
        probs = shares[row, idx]
        result.append([Ranked(str(classes[i]), float(p)) for i, p in zip(idx, probs, strict=True)])
    return result


def _fit(x: Any, y: Sequence[str]) -> Linear | None:
    if len(set(y)) < 2:
        return None
    model = _classifier()
    model.fit(x, np.asarray(y))
    coef, bias = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # two classes: sklearn keeps one score, for the second class
        coef, bias = np.vstack([-coef, coef]), np.concatenate([-bias, bias])
    # float32: half the size on disk and in memory; a ranking loses nothing by it.
    return Linear(np.ascontiguousarray(coef.T, dtype=np.float32), bias.astype(np.float32), model.classes_)


def counts_of(examples: Iterable[Example]) -> dict[tuple[str, ...], Counter[str]]:
    counts: dict[tuple[str, ...], Counter[str]] = {}
    for e in examples:
        keys: list[tuple[str, ...]] = [("c", e.category), ("cr", e.category, e.region), ("all",)]
        if e.district:
            keys.append(("cd", e.category, e.region, e.district))
        for key in keys:
            counts.setdefault(key, Counter())[e.body] += 1
    return counts


def train(examples: Sequence[Example], *, now: dt.datetime | None = None, max_rows: int = MAX_ROWS) -> Bundle:
    """Fit both models on the latest `max_rows` of `examples` (any order); count over all of them."""
    every = examples
    if len(examples) > max_rows:
        examples = sorted(examples, key=lambda e: e.date)[-max_rows:]
    x_full = features(
        [e.text for e in examples],
        [e.category for e in examples],
        [e.region for e in examples],
        [e.district for e in examples],
    )
    body_model = _fit(x_full, [e.body for e in examples])
    x_text = features(
        [e.text for e in examples], [""] * len(examples), [e.region for e in examples], [e.district for e in examples]
    )
    category_model = _fit(x_text, [e.category for e in examples])
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Bundle(body_model, category_model, counts_of(every), stamp, len(every))


def baseline_rank(counts: dict[tuple[str, ...], Counter[str]], e: Example, k: int, *, by_place: bool) -> list[str]:
    """The most common bodies: for the category and district (then region, then category), or overall."""
    keys: list[tuple[str, ...]] = [("all",)]
    if by_place:
        keys = [("cd", e.category, e.region, e.district), ("cr", e.category, e.region), ("c", e.category), ("all",)]
    for key in keys:
        counter = counts.get(key)
        if counter:
            return [label for label, _n in counter.most_common(k)]
    return []


def time_split(examples: Sequence[Example], share: float = 0.8) -> tuple[list[Example], list[Example]]:
    ordered = sorted(examples, key=lambda e: e.date)
    cut = math.floor(len(ordered) * share)
    return ordered[:cut], ordered[cut:]


def _scores(truth: list[str], ranked: list[list[str]]) -> dict[str, float]:
    n = len(truth) or 1
    top1 = [r[0] if r else "" for r in ranked]
    return {
        "top1": round(sum(t == p for t, p in zip(truth, top1, strict=True)) / n, 4),
        "top3": round(sum(t in r[:3] for t, r in zip(truth, ranked, strict=True)) / n, 4),
        "macro_f1": round(float(f1_score(truth, top1, average="macro", labels=sorted(set(truth)), zero_division=0)), 4)
        if truth
        else 0.0,
    }


def evaluate(examples: Sequence[Example]) -> dict[str, Any]:
    """Train on the earliest 80 %, test on the latest 20 %: the model against both baselines, one run."""
    train_set, test_set = time_split(examples)
    if not train_set or not test_set:
        return {"train": len(train_set), "test": len(test_set), "model": None}
    bundle = train(train_set)
    x = features(
        [e.text for e in test_set],
        [e.category for e in test_set],
        [e.region for e in test_set],
        [e.district for e in test_set],
    )
    ranked = [[r.label for r in row] for row in _top(bundle.body_model, x, 3)]
    if bundle.body_model is None:  # one body in the training years: the model is that body
        ranked = [baseline_rank(bundle.counts, e, 3, by_place=False) for e in test_set]
    truth = [e.body for e in test_set]
    return {
        "train": len(train_set),
        "test": len(test_set),
        "bodies": len({e.body for e in examples}),
        "split_date": test_set[0].date.isoformat(),
        "model": _scores(truth, ranked),
        "baseline_most_common": _scores(truth, [baseline_rank(bundle.counts, e, 3, by_place=False) for e in test_set]),
        "baseline_category_place": _scores(
            truth, [baseline_rank(bundle.counts, e, 3, by_place=True) for e in test_set]
        ),
    }
