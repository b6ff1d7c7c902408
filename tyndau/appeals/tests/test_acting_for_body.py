"""Appeals ask the one predicate (accounts.selectors.acts_for_body) who may act for a body: an abolished
body, a deactivated membership or a deactivated person acts for no one — in the queue, on the case page,
in the services and in the colleagues an appeal may be assigned to."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tyndau.appeals import selectors, services
from tyndau.appeals.forms import AssignForm
from tyndau.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db


def _abolish(body: Any) -> None:
    body.is_active = False
    body.save(update_fields=["is_active"])


def test_officials_of_an_abolished_body_no_longer_act_for_it(client: Any, cast: Any, file_appeal: Any) -> None:
    appeal = file_appeal()
    assert selectors.can_view(cast.official_a, appeal)
    _abolish(cast.body_a)
    assert not selectors.can_view(cast.official_a, appeal)
    assert not selectors.is_handling_official(cast.official_a, appeal)
    assert not selectors.is_supervisor(cast.supervisor_a, cast.body_a.pk)
    assert not selectors.bodies_of(cast.official_a).exists()
    client.force_login(cast.official_a)
    assert client.get(reverse("appeals:detail", args=[appeal.number])).status_code == 404
    assert client.get(reverse("appeals:queue", args=[cast.body_a.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.appeal_assign(actor=cast.official_a, appeal=appeal, assignee=cast.official_a)
    with pytest.raises(PermissionDenied):
        services.appeal_extend(
            actor=cast.supervisor_a, appeal=appeal, new_deadline=appeal.deadline.replace(day=28), reason="x"
        )


def test_assignee_choices_follow_the_same_rule(cast: Any) -> None:
    choices = AssignForm(body=cast.body_a).fields["assignee"].queryset
    assert list(choices) == [cast.official_a, cast.supervisor_a]
    cast.official_a.is_active = False
    cast.official_a.save(update_fields=["is_active"])
    assert list(AssignForm(body=cast.body_a).fields["assignee"].queryset) == [cast.supervisor_a]
    _abolish(cast.body_a)
    assert not AssignForm(body=cast.body_a).fields["assignee"].queryset.exists()


def test_complaint_pages_answer_404_to_another_body(
    client: Any, cast: Any, file_appeal: Any, ground: Any, at_monday: Any
) -> None:
    import uuid

    appeal = file_appeal()
    services.appeal_answer(
        actor=cast.official_a, appeal=appeal, outcome="refused", text="No money this year.", legal_grounds=[ground]
    )
    complaint = services.complaint_file(
        actor=cast.citizen, appeal=appeal, text="The answer ignores the facts.", idempotency_key=uuid.uuid4()
    )
    client.force_login(cast.official_b)
    assert client.get(reverse("appeals:complaint_pass", args=[complaint.pk])).status_code == 404
    assert client.get(reverse("appeals:complaint_pass", args=[complaint.pk + 1000])).status_code == 404
    client.force_login(cast.official_a)
    assert client.get(reverse("appeals:complaint_pass", args=[complaint.pk])).status_code != 404


def test_an_answer_template_fills_the_answer_form(client: Any, cast: Any, file_appeal: Any, category: Any) -> None:
    from tyndau.appeals.models import AnswerTemplate

    appeal = file_appeal()
    template = AnswerTemplate.objects.create(category=category, title="Lights", text="The light is repaired.")
    client.force_login(cast.official_a)
    url = reverse("appeals:answer", args=[appeal.number])
    assert "The light is repaired." in client.get(f"{url}?template={template.pk}").content.decode()
    assert "The light is repaired." not in client.get(f"{url}?template={template.pk + 1}").content.decode()
