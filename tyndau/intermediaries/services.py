"""Writes of intermediaries' help. Every write records its audit event inside its transaction; payloads
carry ids and codes, never personal data (no IIN, contact, name).

Accreditation (an administrator, an association's representative or a service centre's head grants it),
the citizen's consent (a one-time code to the contact of the citizen's own verified account, or a scanned
signed consent for a citizen without one), acting for the citizen (an appeal, a petition signature), and
the citizen's control over the consent (withdraw, allow or stop showing later answers).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tyndau.accounts.models import Role, User
from tyndau.accounts.selectors import citizen_profile_of, verified_holder_of_iin
from tyndau.accounts.services import role_grant, role_revoke
from tyndau.appeals.attachments import digest, sniff
from tyndau.appeals.models import Appeal
from tyndau.appeals.services import appeal_file
from tyndau.assemblies.models import Assembly
from tyndau.assemblies.services import assembly_notify
from tyndau.associations.models import Application
from tyndau.audit.services import record_event
from tyndau.authorities.models import PublicBody
from tyndau.core.pii import iin_hash, keyed_hash
from tyndau.intermediaries import errors, rules, selectors, sms
from tyndau.intermediaries.models import Accreditation, ConsentMethod, HelpConsent, HelpedCase
from tyndau.notifications.limits import require_within_mail_limits
from tyndau.notifications.services import notify
from tyndau.petitions.services import signature_create_for_citizen

CHANNELS = {"email": ConsentMethod.CODE_EMAIL, "phone": ConsentMethod.CODE_PHONE}


# --- Accreditation ------------------------------------------------------------------------


def accreditation_grant(
    *, actor: Any, user: User, association: Application | None = None, service_centre: PublicBody | None = None
) -> Accreditation:
    """Accredit `user` as a helper of one organisation. Idempotent for the same organisation."""
    if (association is None) == (service_centre is None):
        raise ValueError("exactly one of association and service_centre")
    if association is not None and association.status != "registered":
        raise errors.OrganisationNotRegistered()
    if service_centre is not None and not service_centre.is_active:
        raise errors.OrganisationNotRegistered()
    if not selectors.manages(actor, association=association, service_centre=service_centre):
        raise errors.NotAnOrganisationManager()
    kind = Accreditation.Kind.ASSOCIATION if association is not None else Accreditation.Kind.SERVICE_CENTRE
    with transaction.atomic():
        current = Accreditation.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
        if current is not None:
            if current.association_id == getattr(association, "pk", None) and current.service_centre_id == getattr(
                service_centre, "pk", None
            ):
                return current
            raise errors.HelpError(errors.ALREADY_ACCREDITED)
        accreditation = Accreditation.objects.create(
            user=user, kind=kind, association=association, service_centre=service_centre, granted_by=actor
        )
        # The role is the system's grant: the accreditation row says who decided (and its event).
        role_grant(actor=None, user=user, role=Role.INTERMEDIARY)
        record_event(
            actor=actor,
            action="intermediaries.accreditation.granted",
            obj=accreditation,
            payload={
                "user_id": user.pk,
                "kind": kind,
                "association": getattr(association, "pk", None),
                "service_centre": getattr(service_centre, "pk", None),
            },
        )
    return accreditation


def accreditation_revoke(*, actor: Any, accreditation: Accreditation) -> Accreditation:
    if not selectors.manages(actor, association=accreditation.association, service_centre=accreditation.service_centre):
        raise errors.NotAnOrganisationManager()
    with transaction.atomic():
        locked = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
        if locked.revoked_at is not None:
            return locked
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        role_revoke(actor=None, user=locked.user, role=Role.INTERMEDIARY)
        record_event(
            actor=actor, action="intermediaries.accreditation.revoked", obj=locked, payload={"user_id": locked.user_id}
        )
    return locked


def _require_accreditation(actor: Any) -> Accreditation:
    accreditation = selectors.accreditation_of(actor)
    if accreditation is None:
        raise errors.NotAccredited()
    return accreditation


# --- Consent by a one-time code -------------------------------------------------------------


def _code_hash(consent: HelpConsent, code: str) -> str:
    return keyed_hash(f"{consent.ref}:{code}", purpose="help-consent-code")


def _contact(citizen: User, channel: str) -> str:
    if channel == "email":
        if citizen.email_verified_at is None:
            raise errors.NoContact()
        return citizen.email
    profile = citizen_profile_of(citizen)
    if profile is None or not profile.phone:
        raise errors.NoContact()
    sms.require_available()
    return profile.phone


def masked_contact(consent: HelpConsent) -> str:
    """What the intermediary may see of where the code went: enough to tell the citizen, no more."""
    citizen = consent.citizen
    if citizen is None:
        return ""
    if consent.method == ConsentMethod.CODE_PHONE:
        profile = citizen_profile_of(citizen)
        return sms.masked(profile.phone) if profile and profile.phone else ""
    local, _at, domain = citizen.email.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


def _send_code(consent: HelpConsent, citizen: User, contact: str, accreditation: Accreditation) -> None:
    code = "".join(secrets.choice("0123456789") for _ in range(rules.value("code_digits")))
    now = timezone.now()
    consent.code_hash = _code_hash(consent, code)
    consent.code_sent_at = now
    consent.code_expires_at = now + dt.timedelta(minutes=rules.value("code_ttl_minutes"))
    consent.attempts = 0
    consent.save(update_fields=["code_hash", "code_sent_at", "code_expires_at", "attempts"])
    organisation = accreditation.association if accreditation.association_id else accreditation.service_centre
    context = {
        "code": code,
        "organisation": str(getattr(organisation, "name", "") or organisation),
        "share_answers": consent.share_answers,
        "minutes": rules.value("code_ttl_minutes"),
    }
    language = citizen.preferred_language
    if consent.method == ConsentMethod.CODE_PHONE:
        sms.send_sms(to=contact, template="intermediaries/email/code_sms", context=context, language=language)
    else:
        notify(to=citizen, template="intermediaries/email/code", context=context, language=language)


def consent_request(*, actor: Any, iin: str, channel: str, share_answers: bool = False) -> HelpConsent:
    """Start helping a present citizen: a code goes to the contact the citizen's own account holds."""
    accreditation = _require_accreditation(actor)
    if channel not in CHANNELS:
        raise errors.NoContact()
    digest_ = iin_hash(iin)
    citizen = verified_holder_of_iin(digest_)
    if citizen is None or not citizen.is_active:
        raise errors.NoVerifiedAccount()
    if citizen.pk == actor.pk:
        raise errors.SelfHelp()
    contact = _contact(citizen, channel)
    # A double submit of the start form: the pending consent of a moment ago, no second code.
    recent = HelpConsent.objects.filter(
        intermediary=actor,
        iin_hash=digest_,
        method=CHANNELS[channel],
        share_answers=share_answers,
        confirmed_at__isnull=True,
        withdrawn_at__isnull=True,
        created_at__gte=timezone.now() - dt.timedelta(seconds=rules.value("double_submit_seconds")),
    ).first()
    if recent is not None:
        return recent
    # The project's one mechanism for mail a person can cause: per intermediary and per citizen.
    require_within_mail_limits(rules.CODE_LIMIT_KIND, account=actor, recipients=[contact])
    with transaction.atomic():
        consent = HelpConsent.objects.create(
            intermediary=actor,
            accreditation=accreditation,
            citizen=citizen,
            iin_hash=digest_,
            method=CHANNELS[channel],
            share_answers=share_answers,
        )
        _send_code(consent, citizen, contact, accreditation)
        record_event(
            actor=actor,
            action="intermediaries.consent.requested",
            obj=consent,
            payload={"accreditation": accreditation.pk, "method": consent.method, "share_answers": share_answers},
        )
    return consent


def consent_resend(*, actor: Any, consent: HelpConsent) -> HelpConsent:
    accreditation = _require_accreditation(actor)
    if consent.intermediary_id != actor.pk or consent.citizen is None or consent.confirmed_at is not None:
        raise errors.NoConsent()
    if consent.withdrawn_at is not None:
        raise errors.NoConsent()
    channel = "phone" if consent.method == ConsentMethod.CODE_PHONE else "email"
    contact = _contact(consent.citizen, channel)
    require_within_mail_limits(rules.CODE_LIMIT_KIND, account=actor, recipients=[contact])
    with transaction.atomic():
        locked = HelpConsent.objects.select_for_update().get(pk=consent.pk)
        _send_code(locked, consent.citizen, contact, accreditation)
        record_event(actor=actor, action="intermediaries.consent.code_resent", obj=locked, payload={})
    return locked


def consent_confirm(*, actor: Any, consent: HelpConsent, code: str) -> HelpConsent:
    """Check the code the citizen reads out. Wrong codes count; after the limit a new code is needed."""
    _require_accreditation(actor)
    failure: errors.HelpError | None = None
    with transaction.atomic():
        locked = HelpConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.intermediary_id != actor.pk or locked.withdrawn_at is not None or locked.citizen_id is None:
            raise errors.NoConsent()
        if locked.confirmed_at is not None:
            return locked  # a double submit of the right code
        now = timezone.now()
        if locked.attempts >= rules.value("code_max_attempts"):
            raise errors.TooManyAttempts()
        if locked.code_expires_at is None or now > locked.code_expires_at:
            raise errors.CodeExpired()
        typed = "".join(c for c in str(code) if c.isdigit())[:20]
        if not locked.code_hash or not hmac.compare_digest(locked.code_hash, _code_hash(locked, typed)):
            locked.attempts += 1
            locked.save(update_fields=["attempts"])
            if locked.attempts >= rules.value("code_max_attempts"):
                record_event(actor=actor, action="intermediaries.consent.code_locked", obj=locked, payload={})
                failure = errors.TooManyAttempts()
            else:
                failure = errors.WrongCode()
        else:
            locked.confirmed_at = now
            locked.code_hash = ""  # single use
            locked.save(update_fields=["confirmed_at", "code_hash"])
            record_event(
                actor=actor,
                action="intermediaries.consent.confirmed",
                obj=locked,
                payload={
                    "citizen_id": locked.citizen_id,
                    "accreditation": locked.accreditation_id,
                    "method": locked.method,
                    "share_answers": locked.share_answers,
                },
            )
    if failure is not None:
        raise failure  # after commit: the counted attempt stays counted
    return locked


def consent_scan(*, actor: Any, iin: str, upload: Any) -> HelpConsent:
    """A citizen without an account: their scanned signed consent, checked by content, recorded as such."""
    accreditation = _require_accreditation(actor)
    digest_ = iin_hash(iin)
    if verified_holder_of_iin(digest_) is not None:
        raise errors.NotForThisAccount()
    if upload.size > rules.value("scan_max_bytes"):
        raise ValidationError(errors.SCAN_TOO_LARGE)
    content_type = sniff(upload)  # PDF, JPEG or PNG by its first bytes, or a translated ValidationError
    with transaction.atomic():
        consent = HelpConsent(
            intermediary=actor,
            accreditation=accreditation,
            citizen=None,
            iin_hash=digest_,
            method=ConsentMethod.SCANNED,
            confirmed_at=timezone.now(),
            scan_type=content_type,
            scan_sha256=digest(upload),
        )
        consent.scan.save(str(upload.name)[:100], upload, save=False)
        consent.save()
        record_event(
            actor=actor,
            action="intermediaries.consent.scanned",
            obj=consent,
            payload={"accreditation": accreditation.pk, "method": consent.method, "content_type": content_type},
        )
    return consent


# --- The citizen's control -----------------------------------------------------------------


def consent_withdraw(*, actor: Any, consent: HelpConsent) -> HelpConsent:
    if consent.citizen_id != getattr(actor, "pk", None):
        raise errors.NoConsent()
    with transaction.atomic():
        locked = HelpConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            return locked
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        record_event(actor=actor, action="intermediaries.consent.withdrawn", obj=locked, payload={})
    return locked


def consent_set_sharing(*, actor: Any, consent: HelpConsent, share_answers: bool) -> HelpConsent:
    if consent.citizen_id != getattr(actor, "pk", None) or consent.withdrawn_at is not None:
        raise errors.NoConsent()
    with transaction.atomic():
        locked = HelpConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.share_answers == share_answers:
            return locked
        locked.share_answers = share_answers
        locked.save(update_fields=["share_answers"])
        record_event(
            actor=actor,
            action="intermediaries.consent.sharing_changed",
            obj=locked,
            payload={"share_answers": share_answers},
        )
    return locked


# --- Acting for the citizen ----------------------------------------------------------------


def _acting(actor: Any, consent: HelpConsent) -> tuple[Accreditation, User]:
    accreditation = _require_accreditation(actor)
    fresh = HelpConsent.objects.select_related("citizen").get(pk=consent.pk)
    if fresh.intermediary_id != actor.pk or not selectors.may_act(fresh) or fresh.citizen is None:
        raise errors.NoConsent()
    if not fresh.citizen.is_active:
        raise errors.NoConsent()
    return accreditation, fresh.citizen


def on_behalf_payload(actor: Any, consent: HelpConsent, accreditation: Accreditation) -> dict[str, Any]:
    """What every act for a citizen carries in its audit event: who acted, in which role, under which consent."""
    return {
        "intermediary_id": actor.pk,
        "role": Role.INTERMEDIARY.value,
        "accreditation": accreditation.pk,
        "accreditation_kind": accreditation.kind,
        "consent": str(consent.ref),
    }


def _record_case(
    actor: Any, consent: HelpConsent, *, kind: str, number: str, action: str, payload: dict[str, Any]
) -> None:
    """Link a filed case to the consent once (a double submit returns the first case and records nothing)."""
    case, created = HelpedCase.objects.get_or_create(kind=kind, reference=number, defaults={"consent": consent})
    if created:
        record_event(actor=actor, action=action, obj=case, payload=payload)
    elif case.consent_id != consent.pk:
        raise errors.NoConsent()


def appeal_file_for(*, actor: Any, consent: HelpConsent, **appeal: Any) -> Appeal:
    """File an appeal as the citizen's own (it appears in their account), carrying the intermediary."""
    accreditation, citizen = _acting(actor, consent)
    on_behalf = on_behalf_payload(actor, consent, accreditation)
    appeal.pop("anonymous", None)
    appeal.pop("cosigner_emails", None)
    with transaction.atomic():
        filed = appeal_file(actor=citizen, on_behalf=on_behalf, source="intermediary", **appeal)
        _record_case(
            actor,
            consent,
            kind=HelpedCase.Kind.APPEAL,
            number=filed.number,
            action="intermediaries.case.appeal_filed",
            payload={**on_behalf, "citizen_id": citizen.pk, "appeal": filed.number},
        )
    return filed


def petition_sign_for(*, actor: Any, consent: HelpConsent, petition_id: int, region_id: int | None = None) -> int:
    """Sign a petition as the citizen (a verified holder signs in one step); returns the signature id."""
    accreditation, citizen = _acting(actor, consent)
    on_behalf = on_behalf_payload(actor, consent, accreditation)
    with transaction.atomic():
        signature_id = signature_create_for_citizen(actor=citizen, petition_id=petition_id, region_id=region_id)
        case = HelpedCase.objects.create(
            consent=consent, kind=HelpedCase.Kind.PETITION_SIGNATURE, reference=f"{petition_id}:{signature_id}"
        )
        record_event(
            actor=actor,
            action="intermediaries.case.petition_signed",
            obj=case,
            payload={**on_behalf, "citizen_id": citizen.pk, "petition": petition_id, "signature": signature_id},
        )
    return signature_id


def assembly_notify_for(*, actor: Any, consent: HelpConsent, **assembly: Any) -> Assembly:
    """Submit an assembly notification or application as the citizen's own (they are the organiser)."""
    accreditation, citizen = _acting(actor, consent)
    on_behalf = on_behalf_payload(actor, consent, accreditation)
    assembly.pop("draft", None)
    with transaction.atomic():
        submitted = assembly_notify(actor=citizen, on_behalf=on_behalf, **assembly)
        _record_case(
            actor,
            consent,
            kind=HelpedCase.Kind.ASSEMBLY,
            number=submitted.number,
            action="intermediaries.case.assembly_notified",
            payload={**on_behalf, "citizen_id": citizen.pk, "assembly": submitted.number},
        )
    return submitted
