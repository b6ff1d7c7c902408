from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tyndau.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        try:
            from tyndau.audit.actions import register_actions, register_payload_fields
        except ImportError:  # pragma: no cover - the audit labels module is optional
            return
        register_actions(
            {
                "accounts.user.registered": _("Account opened"),
                "accounts.user.created": _("Account created by an administrator"),
                "accounts.user.email_verified": _("E-mail address confirmed"),
                "accounts.user.password_set": _("Password set"),
                "accounts.identity.verified": _("Identity confirmed"),
                "accounts.profile.updated": _("Citizen profile updated"),
                "accounts.iin.read": _("IIN read by an authorised official"),
                "accounts.role.granted": _("Role granted"),
                "accounts.role.revoked": _("Role revoked"),
                "accounts.membership.added": _("Official added to a public body"),
                "accounts.membership.updated": _("Official's membership changed"),
                "accounts.login.locked_out": _("Sign-in paused after repeated failures"),
            }
        )
        register_payload_fields({"role": _("Role"), "method": _("Method"), "reason": _("Reason")})
