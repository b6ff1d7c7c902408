from __future__ import annotations

import pytest
from django.contrib.auth.backends import ModelBackend

from tyndau.accounts.backends import EmailBackend
from tyndau.accounts.models import User

pytestmark = pytest.mark.django_db


def test_get_user_matches_model_backend() -> None:
    user = User.objects.create_user("person@example.kz", "x-Strong-pass-9", first_name="Aigul", last_name="S")
    ours, theirs = EmailBackend().get_user(user.pk), ModelBackend().get_user(user.pk)
    assert ours is not None and theirs is not None
    for field in User._meta.concrete_fields:
        assert getattr(ours, field.attname) == getattr(theirs, field.attname), field.name
    assert ours.get_session_auth_hash() == theirs.get_session_auth_hash()
    assert ours._state.adding is False and ours._state.db == theirs._state.db
    assert EmailBackend().get_user(str(user.pk)) is not None  # the session stores the id as text
    assert EmailBackend().get_user(user.pk + 1000) is None
    assert EmailBackend().get_user("not-a-number") is None
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert EmailBackend().get_user(user.pk) is None
