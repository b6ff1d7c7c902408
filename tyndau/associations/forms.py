"""Forms of association registration: every field validated with a translated message, every free text
bounded. The charter editor is a formset of sections (clauses are paragraphs), so it works without
JavaScript and keeps what was typed on error."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.associations import rules
from tyndau.associations.models import OrgForm, Status
from tyndau.associations.selectors import PUBLIC_STATUSES, registering_bodies
from tyndau.authorities.models import LegalGround
from tyndau.core.forms import BINField, FreeTextField

MAX_ROWS = 10


class IdempotentForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())


class ApplicationForm(IdempotentForm):
    form = forms.ChoiceField(label=_("Organisational form"), choices=OrgForm.choices, widget=forms.RadioSelect)
    registering_body = forms.ModelChoiceField(
        label=_("Registering body"),
        queryset=registering_bodies(),
        empty_label=_("— choose the registering body —"),
        help_text=_("The Ministry of Justice for a republican association, the region's justice department otherwise."),
    )
    name_kk = FreeTextField(label=pgettext_lazy("legal name", "Name in Kazakh"), max_length=300)
    name_ru = FreeTextField(label=pgettext_lazy("legal name", "Name in Russian"), max_length=300)
    address = FreeTextField(label=_("Legal address of the association"), max_length=300)
    head_name = FreeTextField(
        label=_("Head of the association"),
        max_length=150,
        help_text=_("Shown only to the founders and the registering body, never publicly."),
    )

    field_order = ["form", "registering_body", "name_kk", "name_ru", "address", "head_name", "idempotency_key"]


# The empty first choice matters: the extra section a browser submits untouched must be unchanged, or
# the formset would demand a title and clauses for a section nobody started.
SECTION_CHOICES = [
    ("", _("— choose —")),
    *((k, v) for k, v in rules.REQUIRED_SECTIONS.items()),
    (rules.OTHER_SECTION, _("Other section")),
]


class SectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which requirement this section answers"), choices=SECTION_CHOICES)
    title_kk = FreeTextField(label=_("Title in Kazakh"), max_length=rules.MAX_TITLE_CHARS)
    title_ru = FreeTextField(label=_("Title in Russian"), max_length=rules.MAX_TITLE_CHARS)
    text_kk = FreeTextField(
        label=_("Clauses in Kazakh"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One clause per paragraph: separate clauses with an empty line."),
    )
    text_ru = FreeTextField(
        label=_("Clauses in Russian"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The same clauses in the same order, one per paragraph."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kk = [p for p in (data.get("text_kk") or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
        ru = [p for p in (data.get("text_ru") or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
        if data.get("text_kk") is not None and data.get("text_ru") is not None and len(kk) != len(ru):
            self.add_error(
                "text_ru",
                _("The Kazakh text has %(kk)d clauses and the Russian text %(ru)d: they must match.")
                % {"kk": len(kk), "ru": len(ru)},
            )
        if any(len(p) > rules.MAX_CLAUSE_CHARS for p in kk + ru):
            self.add_error("text_kk", _("A clause may have at most %(n)d characters.") % {"n": rules.MAX_CLAUSE_CHARS})
        return data


class BaseSectionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        filled = [f for f in self.forms if f.has_changed() and not (self.can_delete and f.cleaned_data.get("DELETE"))]
        if len(filled) > rules.MAX_SECTIONS:
            raise forms.ValidationError(_("A charter may have at most %(n)d sections.") % {"n": rules.MAX_SECTIONS})


SectionFormSet = forms.formset_factory(
    SectionForm,
    formset=BaseSectionFormSet,
    extra=1,
    can_delete=True,
    max_num=rules.MAX_SECTIONS,
    validate_max=True,
    absolute_max=rules.MAX_SECTIONS + 1,
)


class RegisterForm(forms.Form):
    version_hash = forms.RegexField(
        label=_("Content hash of the submitted version"),
        regex=r"^[0-9a-fA-F]{64}$",
        error_messages={"invalid": _("A content hash is 64 hexadecimal characters.")},
        help_text=_("The association is registered on this text only: the version the applicant submitted."),
    )
    bin = BINField(label=_("BIN"))
    confirm = forms.BooleanField(label=_("I register the association on the charter version the applicant submitted"))


class AmendmentRegisterForm(forms.Form):
    """Register an amendment: the version the association submitted, named by its hash (the BIN stays)."""

    version_hash = forms.RegexField(
        label=_("Content hash of the submitted version"),
        regex=r"^[0-9a-fA-F]{64}$",
        error_messages={"invalid": _("A content hash is 64 hexadecimal characters.")},
        help_text=_("The amendment is registered on this text only: the version the association submitted."),
    )
    confirm = forms.BooleanField(label=_("I register the amendment on the charter version the association submitted"))


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Signed document (PDF)"),
        help_text=_("A PDF file up to 5 MB. It is checked by its content and shown only to you and the registrar."),
        error_messages={"required": _("Choose a PDF file to upload.")},
    )


class GroundChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A ground shown by its citation and its meaning (several grounds share one article)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.citation} — {obj.text}"


class GroundsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.citation} — {obj.text}"


def _association_grounds() -> Any:
    return LegalGround.objects.filter(domain=LegalGround.Domain.ASSOCIATIONS, is_active=True)


class RefuseForm(forms.Form):
    legal_grounds = GroundsField(
        label=_("Grounds of the refusal"), queryset=_association_grounds(), widget=forms.CheckboxSelectMultiple
    )
    reasons = FreeTextField(label=_("Reasons"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))


class CitationForm(forms.Form):
    ground = GroundChoiceField(
        label=_("Ground"), queryset=_association_grounds(), required=False, empty_label=_("— ground —")
    )
    clause = forms.ChoiceField(label=_("Clause"), choices=[], required=False)
    reason = FreeTextField(label=_("Why this clause"), max_length=2000, required=False)

    def __init__(self, *args: Any, clauses: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("— clause —")))]
        self.fields["clause"].choices = choices + [(c, c) for c in clauses or []]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get("ground"), data.get("clause"), (data.get("reason") or "").strip()]
        if any(parts) and not all(parts):
            self.add_error(None, _("Give the ground, the clause and the reason, or leave the row empty."))
        return data


class CommentForm(forms.Form):
    clause = forms.ChoiceField(label=_("Clause"), choices=[], required=False)
    comment = FreeTextField(label=_("Comment"), max_length=2000, required=False)
    wording_kk = FreeTextField(label=_("Proposed wording in Kazakh (optional)"), max_length=4000, required=False)
    wording_ru = FreeTextField(label=_("Proposed wording in Russian (optional)"), max_length=4000, required=False)

    def __init__(self, *args: Any, clauses: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("— clause —")))]
        self.fields["clause"].choices = choices + [(c, c) for c in clauses or []]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("wording_kk") or data.get("wording_ru") or data.get("comment")) and not data.get("clause"):
            self.add_error("clause", _("Choose the clause the comment is about."))
        if data.get("clause") and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what should be corrected in this clause."))
        return data


CitationFormSet = forms.formset_factory(CitationForm, extra=3, max_num=MAX_ROWS, absolute_max=MAX_ROWS)
CommentFormSet = forms.formset_factory(CommentForm, extra=3, max_num=MAX_ROWS, absolute_max=MAX_ROWS)


class CorrectionsForm(forms.Form):
    reasons = FreeTextField(
        label=_("General remarks (optional)"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CourtForm(forms.Form):
    note = FreeTextField(
        label=_("Ground and court decision reference"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: decision of the specialised inter-district court of Astana of 1 March 2026, case No. …"
        ),
    )


class RegistryFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])
    body = forms.ModelChoiceField(
        label=_("Registering body"), queryset=registering_bodies(), required=False, empty_label=_("— every body —")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("— every status —"))] + [  # type: ignore[attr-defined]
            (s, Status(s).label) for s in PUBLIC_STATUSES
        ]
