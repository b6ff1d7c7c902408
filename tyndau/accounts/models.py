"""People and their roles.

A user signs in with an e-mail address. Roles are granted rows (a person may
hold several); an official's authority comes from a Membership in one public
body, never from a global flag, so that "an official acts only for their own
body" is a query, not a convention.
"""

from __future__ import annotations

from typing import Any

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
    REQUIRED_FIELDS: list[str] = []

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
