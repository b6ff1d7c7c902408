"""Forms of appeals: every field validated with a translated message."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from tyndau.accounts.models import User
from tyndau.accounts.selectors import officials_of
from tyndau.appeals.attachments import max_files, sniff
from tyndau.appeals.errors import EntityNotAnonymous, NotRepresentative
from tyndau.appeals.models import ComplaintOutcome, FixAnswer, Kind, Need, Outcome
from tyndau.authorities import selectors as authority_selectors
from tyndau.authorities.choices import ReferenceChoiceField
from tyndau.authorities.models import Category, LegalGround, PublicBody, Region
from tyndau.core.bounds import TEXT_LONG, TEXT_NOTE, coordinate_validator, validate_date
from tyndau.core.forms import FreeTextField
from tyndau.core.maps import NEARBY_RADII_KM
from tyndau.core.representation import Entity
from tyndau.core.widgets import FastSelect

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
    # The body after the text: the routing suggestion reads the topic, the region and the text first.
    field_order = ["idempotency_key", "entity", "kind", "region", "category", "subject", "text", "body"]

    # Issue 13: a registered association's representative may file on its behalf. Shown only to a
    # representative (a hidden empty field for anyone else); any value is checked against the entities
    # the person represents, so a forged POST gets a clear refusal, never another entity's name.
    entity = forms.CharField(label=_("Filed by"), max_length=12, required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=Kind.choices, widget=forms.RadioSelect)
    region = ReferenceChoiceField(
        "regions", label=_("Region"), queryset=Region.objects.all(), empty_label=_("— choose a region —")
    )
    category = ReferenceChoiceField(
        "active-categories",
        label=_("Topic"),
        queryset=Category.objects.filter(is_active=True),
        empty_label=_("— choose a topic —"),
    )
    body = ReferenceChoiceField(
        "active-bodies",
        label=_("Body that will consider it"),
        queryset=PublicBody.objects.filter(is_active=True),
        required=False,
        empty_label=_("— suggest the competent body for me —"),
        help_text=_("Leave empty and we send it to the body competent for the topic in your region."),
    )
    subject = FreeTextField(label=_("Subject"), max_length=200)
    text = FreeTextField(
        label=_("What happened and what you ask for"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=20,
        max_length=TEXT_LONG,
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=30, validators=[PHONE], required=False)
    address = FreeTextField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_("Your address or the place the appeal is about. Never published."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, decimal_places=6, validators=[coordinate_validator("latitude")]
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, decimal_places=6, validators=[coordinate_validator("longitude")]
    )
    needs = forms.MultipleChoiceField(
        label=_("Do any of these apply to you?"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They move your appeal up the queue among appeals due the same day."),
    )
    need_note = FreeTextField(label=_("About the need"), max_length=300, required=False)
    cosigners = FreeTextField(
        max_length=TEXT_LONG,
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

    def __init__(self, *args: Any, entities: Sequence[Entity] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entities = {e.bin: e for e in entities}
        if self.entities:
            choices = [("", _("In my own name"))] + [
                (e.bin, _("On behalf of %(name)s (BIN %(bin)s)") % {"name": e.name, "bin": e.bin})
                for e in self.entities.values()
            ]
            field = self.fields["entity"]
            field.widget = forms.Select(choices=choices)
            field.help_text = _(
                "You represent a registered association. Filed on its behalf, the appeal names it and its "
                "BIN; the answer comes to you."
            )

    def clean_entity(self) -> str:
        value = (self.cleaned_data.get("entity") or "").strip()
        if value and value not in self.entities:
            raise ValidationError(NotRepresentative.default_message)
        return value

    def file_kwargs(self) -> dict[str, Any]:
        """The filing service's keyword arguments from the cleaned form (without actor and language)."""
        d = self.cleaned_data
        return {
            "entity_bin": d["entity"],
            "idempotency_key": d["idempotency_key"],
            "kind": d["kind"],
            "region": d["region"],
            "category": d["category"],
            "body": d["body"],
            "subject": d["subject"],
            "text": d["text"],
            "contact_phone": d["contact_phone"],
            "address": d["address"],
            "latitude": d["latitude"],
            "longitude": d["longitude"],
            "publish_consent": d["publish_consent"],
            "needs": d["needs"],
            "need_note": d["need_note"],
            "anonymous": d["anonymous"],
            "cosigner_emails": d["cosigners"],
            "files": d["attachments"],
        }

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
        if self.has_error("entity") and not self.entities:
            # The field is hidden from a non-representative: say it on top, where it can be read.
            self.add_error(None, self.errors.pop("entity"))
        if data.get("anonymous") and data.get("entity"):
            self.add_error("anonymous", EntityNotAnonymous.default_message)
        if data.get("anonymous") and data.get("kind") and data["kind"] != Kind.REPORT:
            self.add_error("anonymous", _("Only a report (of a crime or a threat to security) may be anonymous."))
        one_coordinate = (data.get("latitude") is None) != (data.get("longitude") is None)
        if one_coordinate and not (self.has_error("latitude") or self.has_error("longitude")):
            self.add_error("latitude", _("Give both the latitude and the longitude, or neither."))
        if "other" in (data.get("needs") or []) and not data.get("need_note"):
            self.add_error("need_note", _("Tell us briefly about the need."))
        return data


# The decision each outcome is: the grounds offered for it are those whose `applies_to` names it.
ANSWER_DECISIONS: dict[str, str] = {
    Outcome.REFUSED: LegalGround.Decision.APPEAL_REFUSED,
    Outcome.PARTLY: LegalGround.Decision.APPEAL_PARTLY,
    Outcome.EXPLAINED: LegalGround.Decision.APPEAL_EXPLAINED,
}
COMPLAINT_DECISIONS: dict[str, str] = {
    ComplaintOutcome.REJECTED: LegalGround.Decision.COMPLAINT_REJECTED,
    ComplaintOutcome.PARTLY: LegalGround.Decision.COMPLAINT_PARTLY,
}


class GroundsField(forms.ModelMultipleChoiceField):
    """Legal grounds for one kind of decision: only those that apply to one of its outcomes are offered,
    each shown by its meaning in the active language with its citation (appeals/_grounds_field.html),
    grouped under a heading per outcome so that it works without JavaScript. Whether a ground fits the
    outcome chosen, and whether one is required, is the service's rule (LegalGroundNotApplicable,
    LegalGroundRequired), shown on this field."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, decisions: dict[str, str], required_for: tuple[str, ...], **kwargs: Any) -> None:
        self.decisions, self.required_for = decisions, required_for
        kwargs.setdefault("queryset", LegalGround.objects.none())
        super().__init__(required=False, **kwargs)

    def offer(self) -> None:
        self.queryset = authority_selectors.legal_grounds(
            domain=LegalGround.Domain.APPEALS, applies_to=self.decisions.values()
        )


class GroundsForm(forms.Form):
    """A decision form with an outcome radio and a GroundsField: `ground_groups` feeds the template."""

    outcome_choices: list[tuple[str, Any]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_grounds"].offer()  # type: ignore[attr-defined]

    def ground_groups(self) -> list[tuple[str, list[Any]]]:
        """[(heading, [checkbox, ...])]: one group per set of outcomes the grounds apply to, in the order of
        the outcomes; a heading names the outcomes ("For the outcome: Refused or Partly satisfied")."""
        field = self.fields["legal_grounds"]
        labels = dict(self.outcome_choices)
        groups: dict[tuple[str, ...], list[Any]] = {}
        for choice in self["legal_grounds"]:
            ground = choice.data["value"].instance
            outcomes = tuple(o for o, d in field.decisions.items() if ground.applies(d))  # type: ignore[attr-defined]
            groups.setdefault(outcomes, []).append(choice)
        order = list(field.decisions)  # type: ignore[attr-defined]
        result = []
        for outcomes, choices in sorted(groups.items(), key=lambda kv: [order.index(o) for o in kv[0]]):
            names = str(_(" or ")).join(str(labels[o]) for o in outcomes)
            result.append((str(_("For the outcome: %(outcomes)s")) % {"outcomes": names}, choices))
        return result

    def grounds_required_for(self) -> str:
        labels = dict(self.outcome_choices)
        required = self.fields["legal_grounds"].required_for  # type: ignore[attr-defined]
        return str(_(" or ")).join(str(labels[o]) for o in required)


class AnswerForm(GroundsForm):
    outcome_choices = Outcome.choices
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    text = FreeTextField(
        label=_("Reasoned answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        min_length=30,
        max_length=TEXT_LONG,
        help_text=_("Address the facts, cite the legislation, explain how to challenge it."),
    )
    legal_grounds = GroundsField(
        label=_("Legal grounds"),
        decisions=ANSWER_DECISIONS,
        required_for=(Outcome.REFUSED, Outcome.PARTLY),
    )
    attachments = AttachmentsField(label=_("Attachments (PDF, JPEG or PNG)"))


class ForwardForm(forms.Form):
    to_body = ReferenceChoiceField(
        "active-bodies", label=_("Competent body"), queryset=PublicBody.objects.filter(is_active=True)
    )
    reason = FreeTextField(
        label=_("Reason (shown to the applicant)"), max_length=TEXT_NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )


class InfoRequestForm(forms.Form):
    question = FreeTextField(
        label=_("What do you need from the applicant?"),
        max_length=TEXT_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtendForm(forms.Form):
    new_deadline = forms.DateField(
        label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_date]
    )
    reason = FreeTextField(label=_("Reasoned decision"), max_length=TEXT_NOTE, widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Colleague"), queryset=User.objects.none())

    def __init__(self, *args: Any, body: PublicBody, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officials_of(body)  # type: ignore[attr-defined]
        self.fields["assignee"].label_from_instance = lambda u: u.full_name or str(u)  # type: ignore[attr-defined]


class InfoReplyForm(forms.Form):
    reply = FreeTextField(label=_("Your reply"), max_length=TEXT_LONG, widget=forms.Textarea(attrs={"rows": 5}))
    attachments = AttachmentsField(label=_("Attachments (PDF, JPEG or PNG)"))


class ComplaintForm(IdempotentForm):
    text = FreeTextField(
        label=_("Your complaint"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=20,
        max_length=TEXT_LONG,
        help_text=_("Say what is wrong with the answer (or the silence) and what you ask for."),
    )


class ComplaintGrantForm(forms.Form):
    text = FreeTextField(
        label=_("Decision granting the complaint"), max_length=TEXT_LONG, widget=forms.Textarea(attrs={"rows": 5})
    )


class ComplaintDecisionForm(GroundsForm):
    outcome_choices = ComplaintOutcome.choices
    outcome = forms.ChoiceField(label=_("Decision"), choices=ComplaintOutcome.choices, widget=forms.RadioSelect)
    text = FreeTextField(label=_("Reasoned decision"), max_length=TEXT_LONG, widget=forms.Textarea(attrs={"rows": 8}))
    legal_grounds = GroundsField(
        label=_("Legal grounds"),
        decisions=COMPLAINT_DECISIONS,
        required_for=(ComplaintOutcome.REJECTED, ComplaintOutcome.PARTLY),
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the answer?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(i, str(i)) for i in range(1, 6)],
    )


class FixReportForm(forms.Form):
    """ "Was it fixed?": the applicant's answer and an optional comment."""

    answer = forms.ChoiceField(label=_("Was the problem solved?"), choices=FixAnswer.choices, widget=forms.RadioSelect)
    comment = FreeTextField(
        label=_("Anything to add"),
        required=False,
        max_length=1000,
        help_text=_("Seen only by the body that answered, never published."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RegisterSearchForm(forms.Form):
    q = FreeTextField(label=_("Search"), required=False, max_length=100)
    region = ReferenceChoiceField("regions", label=_("Region"), queryset=Region.objects.all(), required=False)
    body = ReferenceChoiceField(
        "active-bodies", label=_("Body"), queryset=PublicBody.objects.filter(is_active=True), required=False
    )
    category = ReferenceChoiceField("categories", label=_("Topic"), queryset=Category.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    date_from = forms.DateField(
        label=_("Registered from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date],
    )
    date_to = forms.DateField(
        label=_("Registered until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from tyndau.appeals.models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *Status.choices]  # type: ignore[attr-defined]


class NearbyForm(forms.Form):
    """The "nearby" view: a point in Kazakhstan and a radius (typed; the map only fills the fields)."""

    latitude = forms.DecimalField(
        label=_("Latitude"), decimal_places=6, validators=[coordinate_validator("latitude")], localize=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), decimal_places=6, validators=[coordinate_validator("longitude")], localize=False
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        coerce=int,
        initial=5,
        widget=FastSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["radius"].choices = [(km, _("%(km)s km") % {"km": km}) for km in NEARBY_RADII_KM]  # type: ignore[attr-defined]


class Open311ConfirmForm(forms.Form):
    """Filing a request a client application sent for the person: consent is theirs to give."""

    publish_consent = forms.BooleanField(
        label=_("Publish my appeal and its answer in the public register (without my name or contacts)"),
        required=False,
    )
    authorise = forms.BooleanField(required=False)

    def __init__(self, *args: Any, client_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authorise"].label = _(
            "Let “%(client)s” file my appeals directly from now on, with the publication choice above"
        ) % {"client": client_name}
