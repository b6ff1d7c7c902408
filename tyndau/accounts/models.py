"""People and their roles.

A user signs in with an e-mail address. Roles are granted rows (a person may
hold several); an official's authority comes from a Membership in one public
body, never from a global flag, so that "an official acts only for their own
body" is a query, not a convention.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    ORGANISATION = "organisation", _("Organisation representative")
    OFFICIAL = "official", _("Official")
    SUPERVISOR = "supervisor", _("Supervisor")
    MODERATOR = "moderator", _("Petition moderator")
    REGISTRAR = "registrar", _("Registrar")
    AUDITOR = "auditor", _("Auditor")
    # Peaceful assemblies (Law 64-VII): an accredited independent observer attaches monitoring reports;
    # a maslikhat's editor keeps its register of specialised places (act for the maslikhat by Membership).
    OBSERVER = "observer", _("Accredited observer")
    PLACES_EDITOR = "places_editor", _("Editor of specialised places")
    # Issue 16: a volunteer of a registered organisation or an operator at a public service centre who
    # helps a present citizen file (tyndau.intermediaries; the accreditation row says for whom).
    INTERMEDIARY = "intermediary", _("Accredited intermediary")
    ADMINISTRATOR = "administrator", _("Administrator")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("surname"), max_length=150, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")],
        default="kk",
    )
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        # Never the name or e-mail: this string can reach logs and admin history.
        return f"user #{self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def public_name(self) -> str:
        """First name and surname initial — the most ever shown publicly."""
        initial = f" {self.last_name[:1]}." if self.last_name else ""
        return f"{self.first_name}{initial}".strip()

    def get_role_codes(self) -> set[str]:
        cache_attr = "_role_codes"
        if not hasattr(self, cache_attr):
            setattr(self, cache_attr, set(self.role_grants.values_list("role", flat=True)))
        codes: set[str] = getattr(self, cache_attr)
        return codes

    def has_any_role(self, *roles: str) -> bool:
        return bool(self.get_role_codes() & set(roles))


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="uniq_role_grant")]

    def __str__(self) -> str:
        return f"{self.role} for user #{self.user_id}"


class Membership(models.Model):
    """An official's place in one public body. Supervisors may extend deadlines."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey("authorities.PublicBody", on_delete=models.CASCADE, related_name="memberships")
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_supervisor = models.BooleanField(_("supervisor (head or deputy)"), default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "body"], name="uniq_membership")]

    def __str__(self) -> str:
        return f"user #{self.user_id} in body #{self.body_id}"


class ConsentSource(models.TextChoices):
    """Where a person gave consent (Law 94-V: record consent and its source)."""

    SIGNUP_FORM = "signup_form", _("Sign-up form")
    PROFILE_FORM = "profile_form", _("Citizen profile form")
    DEMO_SEED = "demo_seed", _("Demo data (development only)")


class Consent(models.Model):
    """One act of consent to the processing of personal data, kept as evidence.

    Law No. 94-V of 21 May 2013 "On personal data and their protection":
    the operator must be able to show when and how consent was given.
    """

    class Purpose(models.TextChoices):
        ACCOUNT = "account", _("Account: name and e-mail address")
        CITIZEN_PROFILE = "citizen_profile", _("Citizen profile: IIN, phone and address")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    source = models.CharField(_("source"), max_length=30, choices=ConsentSource.choices)
    # The wording the person agreed to; bump when the consent text changes.
    text_version = models.CharField(_("consent text version"), max_length=20, default="2026-1")
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"consent {self.purpose} of user #{self.user_id}"


class CitizenProfile(models.Model):
    """What a citizen adds for appeals and petitions. The IIN is never stored in clear:
    `iin_hash` (keyed HMAC) finds duplicates, `iin_encrypted` (Fernet) lets an
    authorised official read it through `services.citizen_iin_read`, which is audited.

    An IIN typed on the profile is a claim; several unverified accounts may claim one. Identity
    verification settles it (`services.identity_verification_record`): the verified account takes the
    IIN from unverified holders and sets `iin_verified_at`, and the IIN is unique among verified holders
    (the partial unique index `uniq_verified_iin`)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="citizen_profile")
    iin_hash = models.CharField(max_length=64, null=True, blank=True, editable=False, db_index=True)
    iin_encrypted = models.TextField(blank=True, editable=False)
    # When an identity verification (level >= DEMO) bound to this IIN made this account its verified holder.
    iin_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    phone = models.CharField(_("phone"), max_length=12, blank=True)  # normalised +7XXXXXXXXXX
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(
        "authorities.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["iin_hash"], condition=models.Q(iin_verified_at__isnull=False), name="uniq_verified_iin"
            )
        ]

    def __str__(self) -> str:
        return f"profile of user #{self.user_id}"

    @property
    def has_iin(self) -> bool:
        return bool(self.iin_hash)

    @property
    def iin_masked(self) -> str:
        """Safe to show to the owner and in the admin: the first six digits hidden."""
        from tyndau.core.pii import decrypt, mask_iin

        if not self.iin_encrypted:
            return ""
        try:
            return mask_iin(decrypt(self.iin_encrypted))
        except ValueError:
            return mask_iin("")


class VerificationMethod(models.TextChoices):
    EMAIL = "email", _("E-mail address confirmed")
    DEMO = "demo", _("Demo verification (development only)")
    EGOV_EDS = "egov_eds", _("eGov electronic digital signature")


class VerificationLevel(models.IntegerChoices):
    """How sure we are who the person is. Ordered: a higher level includes the lower ones."""

    EMAIL = 10, _("E-mail address confirmed")
    DEMO = 20, _("Identity confirmed (demo)")
    EDS = 30, _("Identity confirmed with eGov EDS")


class IdentityVerification(models.Model):
    """One successful check of a person's identity (see tyndau/accounts/verification.py).

    `iin_hash` binds a verification to the IIN that was checked: changing the IIN
    on the profile leaves the old verification behind.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verifications")
    method = models.CharField(_("method"), max_length=20, choices=VerificationMethod.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=VerificationLevel.choices)
    verified_at = models.DateTimeField(_("verified at"), default=timezone.now)
    # A provider's reference (certificate serial, transaction id) — never personal data.
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    iin_hash = models.CharField(max_length=64, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-verified_at"]
        verbose_name = _("identity verification")
        verbose_name_plural = _("identity verifications")

    def __str__(self) -> str:
        return f"{self.method} verification of user #{self.user_id}"
