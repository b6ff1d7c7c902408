"""The appeal page's lookup runs SQL compiled once per process (`tyndau.core.compiled`, issue 10.28): it
must give exactly what the queryset gives — every field, converted values, the related objects, and a
missing (null) assignee, answer or complaint."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from tyndau.appeals import selectors, services
from tyndau.appeals.models import Appeal

RELATED = ("body", "region", "category", "applicant", "assignee", "answer", "complaint")


def _fields(obj: Model | None) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _same_as_the_queryset(number: str) -> Appeal:
    (compiled,) = selectors._appeal_by_number(number)
    reference = Appeal.objects.select_related(*RELATED).get(number=number)
    assert _fields(compiled) == _fields(reference)
    for name in RELATED:
        ours = getattr(compiled, name, None) if name not in ("answer", "complaint") else _reverse(compiled, name)
        theirs = getattr(reference, name, None) if name not in ("answer", "complaint") else _reverse(reference, name)
        assert _fields(ours) == _fields(theirs), name
    assert compiled._state.db == reference._state.db and not compiled._state.adding
    return compiled


def _reverse(appeal: Appeal, name: str) -> Model | None:
    try:
        return getattr(appeal, name)  # type: ignore[no-any-return]
    except Appeal._meta.get_field(name).related_model.DoesNotExist:  # type: ignore[union-attr]
        return None


def test_a_new_appeal_with_nothing_related(cast: Any, file_appeal: Any, django_assert_num_queries: Any) -> None:
    appeal = file_appeal()
    compiled = _same_as_the_queryset(appeal.number)
    with django_assert_num_queries(0):  # the related objects came with it, null ones included
        assert compiled.body.pk == cast.body_a.pk and compiled.assignee is None
        assert _reverse(compiled, "answer") is None and _reverse(compiled, "complaint") is None


def test_an_assigned_and_answered_appeal(cast: Any, file_appeal: Any) -> None:
    appeal = file_appeal()
    services.appeal_assign(actor=cast.official_a, appeal=appeal, assignee=cast.official_a)
    services.appeal_answer(actor=cast.official_a, appeal=appeal, outcome="explained", text="x" * 40)
    compiled = _same_as_the_queryset(appeal.number)
    assert compiled.assignee is not None and compiled.assignee.pk == cast.official_a.pk
    assert _reverse(compiled, "answer") is not None


def test_an_unknown_number_finds_nothing(db: Any) -> None:
    assert selectors._appeal_by_number("no-such-number") == []
    assert selectors._appeal_by_number("'; DROP TABLE appeals_appeal; --") == []


def _register_by_orm(q: str) -> list[int]:
    qs = Appeal.objects.filter(publish_consent=True)
    if q:
        qs = qs.filter(public_text__icontains=q.strip())
    return list(qs.order_by("-id").values_list("pk", flat=True)[: selectors.PAGE_SIZE])


def test_the_register_and_its_search_give_what_the_orm_gives(file_appeal: Any) -> None:
    """The compiled search escapes LIKE's wildcards as `icontains` does: a typed % or _ is a character."""
    texts = ["Яма 50% дороги", "Яма 50 на дороге", "a_b broken", "axb broken", "back\\slash", "ПАНДУС нет", "пандус"]
    for text in texts:
        file_appeal(publish_consent=True, text=f"{text} — the street needs repair now.")
    file_appeal(publish_consent=False, text="пандус unpublished — the street needs repair now.")
    for q in ("", "50%", "%", "_", "a_b", "\\", "back\\s", "пандус", "Пандус", "  пандус  ", "нет такого"):
        found = [a.pk for a in selectors.public_register(filters=selectors.RegisterFilters(q=q))]
        assert found == _register_by_orm(q), q
    assert len(selectors.public_register(filters=selectors.RegisterFilters(q="50%"))) == 1
    assert len(selectors.public_register(filters=selectors.RegisterFilters(q="_"))) == 1


def test_the_queue_as_it_opens_is_the_filtered_queue(cast: Any, file_appeal: Any) -> None:
    for i in range(3):
        file_appeal(subject=f"Appeal {i}")
    opened = selectors.queue(body=cast.body_a, user=cast.official_a)
    # Another page size takes the ORM path: the two must agree row for row.
    filtered = selectors.queue(body=cast.body_a, user=cast.official_a, limit=selectors.PAGE_SIZE + 1)
    assert [a.pk for a in opened] == [a.pk for a in filtered] and len(opened) == 3
    unfiltered = Appeal.objects.filter(body=cast.body_a, is_open=True).order_by("deadline", "-priority", "id")
    assert [a.pk for a in opened] == list(unfiltered.values_list("pk", flat=True))
    assert {a.category.name_en for a in opened} == {"Roads"}
