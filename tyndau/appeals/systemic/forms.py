"""Officials' forms on a systemic issue: the public answer, a split, a merge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.core.bounds import TEXT_LONG
from tyndau.core.forms import FreeTextField


class IssueAnswerForm(forms.Form):
    text = FreeTextField(
        label=_("Reasoned public answer"),
        max_length=TEXT_LONG,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published on the issue's public page and sent to every applicant in it."),
    )


class IssueSplitForm(forms.Form):
    appeals = forms.TypedMultipleChoiceField(
        label=_("Appeals that concern another problem"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They move to a new issue of their own; the others stay."),
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["appeals"].choices = members  # type: ignore[attr-defined]


class IssueMergeForm(forms.Form):
    other = forms.TypedChoiceField(
        label=_("Issue to merge into this one"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Its appeals join this issue; it is marked merged."),
    )

    def __init__(self, *args: Any, others: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = others  # type: ignore[attr-defined]
