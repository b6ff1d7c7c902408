"""Forms of appeals: every field validated with a translated message."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from tyndau.accounts.models import User
from tyndau.appeals.attachments import max_files, sniff
from tyndau.appeals.models import ComplaintOutcome, Kind, Need, Outcome
from tyndau.authorities.models import Category, LegalGround, PublicBody, Region

PHONE = RegexValidator(r"^\+?[0-9 ()-]{10,20}$", _("Enter a phone number like +7 701 123 45 67."))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several PDF/JPEG/PNG files, each checked by content."""

    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > max_files():
            raise ValidationError(_("Attach at most %(n)d files."), params={"n": max_files()}, code="too_many")
        errors = []
        for upload in files:
            try:
                sniff(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            errors.append(str(_("Your other answers are kept; please attach the files again.")))
            raise ValidationError(errors)
        return files


class IdempotentForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())


class AppealForm(IdempotentForm):
    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=Kind.choices, widget=forms.RadioSelect)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), empty_label=_("— choose a region —")
    )
    category = forms.ModelChoiceField(
        label=_("Topic"), queryset=Category.objects.filter(is_active=True), empty_label=_("— choose a topic —")
    )
    body = forms.ModelChoiceField(
        label=_("Body that will consider it"),
        queryset=PublicBody.objects.filter(is_active=True),
        required=False,
        empty_label=_("— suggest the competent body for me —"),
        help_text=_("Leave empty and we send it to the body competent for the topic in your region."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("What happened and what you ask for"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=20,
        max_length=20000,
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=30, validators=[PHONE], required=False)
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_("Your address or the place the appeal is about. Never published."),
    )
    latitude = forms.DecimalField(label=_("Latitude"), required=False, min_value=40, max_value=56, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, min_value=46, max_value=88, decimal_places=6)
    needs = forms.MultipleChoiceField(
        label=_("Do any of these apply to you?"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They move your appeal up the queue among appeals due the same day."),
    )
    need_note = forms.CharField(label=_("About the need"), max_length=300, required=False)
    cosigners = forms.CharField(
        label=_("Co-signers' e-mail addresses (collective appeal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line. Each receives a link to confirm; up to 50."),
    )
    attachments = AttachmentsField(label=_("Attachments (PDF, JPEG or PNG)"))
    publish_consent = forms.BooleanField(
        label=_("Publish my appeal and its answer in the public register (without my name or contacts)"),
        required=False,
    )
    anonymous = forms.BooleanField(
        label=_("File anonymously (only a report of a crime or a threat to security)"),
        required=False,
        help_text=_(
            "An anonymous report goes straight to the prosecutor's office. Any other appeal needs your "
            "name, because the law (APPK art. 63) does not allow the body to consider it otherwise."
        ),
    )

    def clean_cosigners(self) -> list[str]:
        emails = [line.strip() for line in self.cleaned_data["cosigners"].splitlines() if line.strip()]
        if len(emails) > 50:
            raise ValidationError(_("Up to 50 co-signers."))
        validator = forms.EmailField()
        for email in emails:
            try:
                validator.clean(email)
            except ValidationError:
                raise ValidationError(_("“%(email)s” is not an e-mail address."), params={"email": email}) from None
        return emails

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous") and data.get("kind") and data["kind"] != Kind.REPORT:
            self.add_error("anonymous", _("Only a report (of a crime or a threat to security) may be anonymous."))
        if "other" in (data.get("needs") or []) and not data.get("need_note"):
            self.add_error("need_note", _("Tell us briefly about the need."))
        return data


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Reasoned answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        min_length=30,
        help_text=_("Address the facts, cite the legislation, explain how to challenge it."),
    )
    legal_grounds = forms.ModelMultipleChoiceField(
        label=_("Legal grounds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=LegalGround.objects.filter(domain=LegalGround.Domain.APPEALS, is_active=True),
        help_text=_("Required for a refusal or a partial refusal."),
    )
    attachments = AttachmentsField(label=_("Attachments (PDF, JPEG or PNG)"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") in (Outcome.REFUSED, Outcome.PARTLY) and not data.get("legal_grounds"):
            self.add_error("legal_grounds", _("A refusal must cite at least one legal ground."))
        return data


class ForwardForm(forms.Form):
    to_body = forms.ModelChoiceField(label=_("Competent body"), queryset=PublicBody.objects.filter(is_active=True))
    reason = forms.CharField(label=_("Reason (shown to the applicant)"), widget=forms.Textarea(attrs={"rows": 3}))


class InfoRequestForm(forms.Form):
    question = forms.CharField(
        label=_("What do you need from the applicant?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtendForm(forms.Form):
    new_deadline = forms.DateField(label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reasoned decision"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Colleague"), queryset=User.objects.none())

    def __init__(self, *args: Any, body: PublicBody, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__body=body, memberships__is_active=True
        ).order_by("id")
        self.fields["assignee"].label_from_instance = lambda u: u.full_name or str(u)  # type: ignore[attr-defined]


class InfoReplyForm(forms.Form):
    reply = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = AttachmentsField(label=_("Attachments (PDF, JPEG or PNG)"))


class ComplaintForm(IdempotentForm):
    text = forms.CharField(
        label=_("Your complaint"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=20,
        help_text=_("Say what is wrong with the answer (or the silence) and what you ask for."),
    )


class ComplaintGrantForm(forms.Form):
    text = forms.CharField(label=_("Decision granting the complaint"), widget=forms.Textarea(attrs={"rows": 5}))


class ComplaintDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=ComplaintOutcome.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Reasoned decision"), widget=forms.Textarea(attrs={"rows": 8}))
    legal_grounds = forms.ModelMultipleChoiceField(
        label=_("Legal grounds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=LegalGround.objects.filter(domain=LegalGround.Domain.APPEALS, is_active=True),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") in (ComplaintOutcome.REJECTED, ComplaintOutcome.PARTLY) and not data.get(
            "legal_grounds"
        ):
            self.add_error("legal_grounds", _("A refusal must cite at least one legal ground."))
        return data


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the answer?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(i, str(i)) for i in range(1, 6)],
    )


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    body = forms.ModelChoiceField(label=_("Body"), queryset=PublicBody.objects.filter(is_active=True), required=False)
    category = forms.ModelChoiceField(label=_("Topic"), queryset=Category.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    date_from = forms.DateField(
        label=_("Registered from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Registered until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from tyndau.appeals.models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *Status.choices]  # type: ignore[attr-defined]
