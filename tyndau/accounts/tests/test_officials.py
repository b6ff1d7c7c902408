import pytest

from tyndau.accounts import selectors, services
from tyndau.accounts.models import Role
from tyndau.accounts.tests.conftest import VALID_IIN
from tyndau.audit.models import Event
from tyndau.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(cast):
    return services.profile_update(
        actor=cast.citizen, user=cast.citizen, iin=VALID_IIN, phone="", address="", region=None
    )


@pytest.mark.parametrize("who", ["official_a", "registrar", "auditor"])
def test_authorised_iin_read_is_audited(cast, profile, who):
    actor = getattr(cast, who)
    assert services.citizen_iin_read(actor=actor, profile=profile, reason="case_handling") == VALID_IIN
    event = Event.objects.get(action="accounts.iin.read")
    assert event.actor_id == actor.pk
    assert event.payload == {"profile_id": profile.pk, "reason": "case_handling"}
    assert VALID_IIN not in str(event.payload)


@pytest.mark.parametrize("who", ["citizen", "other_citizen", "organisation", "moderator"])
def test_iin_read_refused_for_others(cast, profile, who):
    with pytest.raises(PermissionDenied):
        services.citizen_iin_read(actor=getattr(cast, who), profile=profile, reason="case_handling")
    assert not Event.objects.filter(action="accounts.iin.read").exists()


def test_iin_read_needs_a_known_reason(cast, profile):
    with pytest.raises(PermissionDenied):
        services.citizen_iin_read(actor=cast.official_a, profile=profile, reason="curiosity")


def test_bodies_and_membership_selectors(cast):
    assert list(selectors.bodies_acted_for(cast.official_a)) == [cast.body_a]
    assert selectors.acts_for_body(cast.official_a, cast.body_a)
    assert not selectors.acts_for_body(cast.official_a, cast.body_b)
    assert not selectors.acts_for_body(cast.official_a, cast.body_a, supervisor=True)
    assert selectors.acts_for_body(cast.supervisor_a, cast.body_a, supervisor=True)
    assert not selectors.acts_for_body(cast.supervisor_a, cast.body_b, supervisor=True)
    assert not selectors.bodies_acted_for(cast.citizen).exists()
    cast.official_a.memberships.update(is_active=False)
    assert not selectors.acts_for_body(cast.official_a, cast.body_a)


def test_role_and_membership_services_are_audited_and_admin_only(cast):
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=cast.official_a, user=cast.citizen, role=Role.MODERATOR)
    services.role_grant(actor=cast.admin, user=cast.citizen, role=Role.MODERATOR)
    services.role_grant(actor=cast.admin, user=cast.citizen, role=Role.MODERATOR)  # idempotent
    assert Event.objects.filter(action="accounts.role.granted").count() == 1
    assert services.role_revoke(actor=cast.admin, user=cast.citizen, role=Role.MODERATOR)
    assert Event.objects.filter(action="accounts.role.revoked").count() == 1
    membership = services.membership_add(actor=cast.admin, user=cast.citizen, body=cast.body_b, is_supervisor=True)
    assert selectors.acts_for_body(cast.citizen, cast.body_b, supervisor=True)
    assert cast.citizen.has_any_role(Role.OFFICIAL) and cast.citizen.has_any_role(Role.SUPERVISOR)
    services.membership_update(
        actor=cast.admin, membership=membership, position="", is_supervisor=False, is_active=False
    )
    assert not selectors.acts_for_body(cast.citizen, cast.body_b)
    assert Event.objects.filter(action__startswith="accounts.membership.").count() == 2


def test_an_abolished_body_acts_for_no_one(cast):
    """The one rule: active person, active membership, active body — as a boolean and as querysets."""
    assert selectors.acts_for_body(cast.official_a, [cast.body_b, cast.body_a])
    assert selectors.acts_for_body(cast.official_a, cast.body_a.pk)
    assert list(selectors.officials_of(cast.body_a)) == [cast.official_a, cast.supervisor_a]
    assert list(selectors.officials_of(cast.body_a, supervisor=True)) == [cast.supervisor_a]
    cast.body_a.is_active = False
    cast.body_a.save(update_fields=["is_active"])
    assert not selectors.acts_for_body(cast.official_a, cast.body_a)
    assert not selectors.acts_for_body(cast.supervisor_a, cast.body_a, supervisor=True)
    assert not selectors.bodies_acted_for(cast.official_a).exists()
    assert not selectors.officials_of(cast.body_a).exists()


def test_a_deactivated_person_acts_for_no_body(cast):
    cast.official_b.is_active = False
    cast.official_b.save(update_fields=["is_active"])
    assert not selectors.acts_for_body(cast.official_b, cast.body_b)
    assert not selectors.bodies_acted_for(cast.official_b).exists()
    assert not selectors.officials_of(cast.body_b).exists()
