from __future__ import annotations

import pytest

from tyndau.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


def test_event_admin_is_read_only(client, cast):
    event = record(1)[0]
    client.force_login(cast.admin)
    assert client.get("/en/admin/audit/event/").status_code == 200
    assert client.get(f"/en/admin/audit/event/{event.pk}/change/").status_code == 200
    assert client.get("/en/admin/audit/event/add/").status_code == 403
    assert client.post(f"/en/admin/audit/event/{event.pk}/delete/").status_code == 403
    html = client.get(f"/en/admin/audit/event/{event.pk}/change/").content.decode()
    assert 'name="_save"' not in html
