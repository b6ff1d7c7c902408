"""Template helpers: accessible widgets (errors and hints linked with aria-describedby)."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from typing import Any
from urllib.parse import quote

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.safestring import SafeString
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length

from tyndau.appeals.models import Status

register = template.Library()

URL_PLACEHOLDER = "__arg__"
_STATUS_LABELS = dict(Status.choices)


@functools.cache
def _combining_marks() -> re.Pattern[str]:
    """Every character `unicodedata.combining` counts as zero-width (built once per process)."""
    marks = "".join(re.escape(chr(c)) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))
    return re.compile(f"[{marks}]")


@register.filter(is_safe=True)
@stringfilter
def excerpt(value: str, length: int) -> str:
    """`truncatechars` with the same result, for rows of a list: Django's walks the text character
    by character in Python (~0.1 ms a row); without combining marks in the part kept, a slice does."""
    text = unicodedata.normalize("NFC", value)
    if len(text) <= length:
        return text
    if length <= 0 or _combining_marks().search(text, 0, length + 1):
        return Truncator(text).chars(length)
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)], None)


@register.filter
def status_label(appeal: Any) -> str:
    """`appeal.get_status_display` for a row of a list: Django's version rebuilds and hashes the
    whole choice list (translating every label) on each call; this translates one label."""
    return str(_STATUS_LABELS.get(appeal.status, appeal.status))


@register.filter
def fill(url: str, value: Any) -> str:
    """A URL per row without a `reverse()` per row: reverse once with the placeholder,
    `{% url 'appeals:detail' '__arg__' as detail_url %}`, then `{{ detail_url|fill:a.number }}`."""
    return url.replace(URL_PLACEHOLDER, quote(str(value), safe=""))


@register.filter
def described(field: Any) -> SafeString:
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str] = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    css = {
        "select": "usa-select",
        "fastselect": "usa-select",  # tyndau.core.widgets.FastSelect
        "referenceselect": "usa-select",  # tyndau.authorities.choices.ReferenceSelect
        "textarea": "usa-textarea",
        "clearablefile": "usa-file-input",
        "file": "usa-file-input",
    }.get(field.widget_type, "usa-input")
    attrs["class"] = css
    return SafeString(field.as_widget(attrs=attrs))


@register.filter
def is_choice_list(field: Any) -> bool:
    return field.widget_type in ("radioselect", "checkboxselectmultiple")


def _issue_note(issue: Any, url: str) -> str:
    """Beside an appeal of a systemic issue: the issue and its distinct citizens (answer once for many)."""
    if issue is None:
        return ""
    from django.utils.html import conditional_escape as esc
    from django.utils.translation import gettext

    text = gettext("Systemic issue %(id)s: %(citizens)s citizens, %(appeals)s appeals") % {
        "id": issue.pk,
        "citizens": issue.citizens,
        "appeals": issue.appeals_count,
    }
    return f'<br><a class="tyndau-issue" href="{esc(fill(url, str(issue.pk)))}">{esc(text)}</a>'


# The official's queue rows (appeals/official/queue.html), written in Python: 25 rows × 7 cells through
# the template engine cost more than the rest of the page (~650 variable lookups). The same HTML as the
# template markup kept in tests/test_speed.py (QUEUE_ROW_TEMPLATE), which a test compares it with.
_QUEUE_ROW = (
    '<tr>\n    <td data-label="{l_due}">{due}</td>\n'
    '    <th scope="row" data-label="{l_number}"><a href="{href}">{number}</a></th>\n'
    '    <td data-label="{l_subject}">{subject}</td>\n'
    '    <td data-label="{l_topic}">{topic}</td>\n'
    '    <td data-label="{l_status}">{status}</td>\n'
    '    <td data-label="{l_need}">{need}</td>\n'
    '    <td data-label="{l_assigned}">{assigned}</td>\n  </tr>\n'
)


@register.simple_tag
def queue_rows(rows: Any, today: Any, issues: Any = None) -> SafeString:
    from html import escape as esc  # what Django's `escape` does to a plain str, without its wrappers

    from django.template.defaultfilters import date as date_filter
    from django.urls import reverse
    from django.utils.translation import gettext

    labels = {
        "l_due": esc(gettext("Answer due by")),
        "l_number": esc(gettext("Number")),
        "l_subject": esc(gettext("Subject")),
        "l_topic": esc(gettext("Topic")),
        "l_status": esc(gettext("Status")),
        "l_need": esc(gettext("Need")),
        "l_assigned": esc(gettext("Assigned")),
    }
    overdue, due_today, yes = esc(gettext("Overdue")), esc(gettext("Today")), esc(gettext("yes"))
    detail_url = reverse("appeals:detail", args=[URL_PLACEHOLDER])
    dates: dict[Any, str] = {}  # 25 rows ordered by deadline share a few dates: each is formatted once
    issue_url = reverse("appeals:issue", args=[0])[:-2] + URL_PLACEHOLDER + "/"
    issues = issues or {}
    out = []
    for a in rows:
        day = a.deadline
        if day not in dates:
            flag = f"<strong>{overdue}</strong> " if day < today else ""
            flag = flag or (f"<strong>{due_today}</strong> " if day == today else "")
            dates[day] = flag + esc(str(date_filter(day, "DATE_FORMAT")))
        assignee = a.assignee
        out.append(
            _QUEUE_ROW.format(
                **labels,
                due=dates[day],
                href=esc(fill(detail_url, a.number)),
                number=esc(a.number),
                subject=esc(a.subject) + _issue_note(issues.get(a.issue_id), issue_url),
                topic=esc(str(a.category.name)),
                status=esc(str(status_label(a))),
                need=yes if a.priority else "—",
                assigned=esc(str(assignee.full_name or assignee)) if assignee else "—",
            )
        )
    return SafeString("".join(out))


# The public register's rows (appeals/public/register.html), written in Python like the queue's: the same
# HTML as the template markup kept in tests/test_speed.py (REGISTER_ROW_TEMPLATE), which a test compares.
_REGISTER_ROW = (
    '<tr>\n    <th scope="row" data-label="{l_number}"><a href="{href}">{number}</a></th>\n'
    '    <td data-label="{l_registered}">{registered}</td>\n'
    '    <td data-label="{l_body}">{body}</td>\n'
    '    <td data-label="{l_topic}">{topic}</td>\n'
    '    <td data-label="{l_status}">{status}</td>\n'
    '    <td data-label="{l_text}">{entity}{text}</td>\n  </tr>\n'
)


@register.simple_tag
def register_rows(rows: Any) -> SafeString:
    from html import escape as esc  # what Django's `escape` does to a plain str, without its wrappers

    from django.template.defaultfilters import date as date_filter
    from django.urls import reverse
    from django.utils.translation import gettext

    labels = {
        "l_number": esc(gettext("Number")),
        "l_registered": esc(gettext("Registered")),
        "l_body": esc(gettext("Body")),
        "l_topic": esc(gettext("Topic")),
        "l_status": esc(gettext("Status")),
        "l_text": esc(gettext("Text")),
    }
    detail_url = reverse("appeals:register_detail", args=[URL_PLACEHOLDER])
    dates: dict[Any, str] = {}  # a page of 25 rows spans a few days: each is formatted once
    out = []
    for a in rows:
        day = a.registered_on
        if day not in dates:
            dates[day] = esc(str(date_filter(day, "DATE_FORMAT")))
        out.append(
            _REGISTER_ROW.format(
                **labels,
                href=esc(fill(detail_url, a.number)),
                number=esc(a.number),
                registered=dates[day],
                body=esc(str(a.body.name)),
                topic=esc(str(a.category.name)),
                status=esc(str(status_label(a))),
                text=esc(str(excerpt(a.public_text, 160))),
                # A legal entity is not a private person: its name is shown with its published appeal.
                entity=(
                    "<strong>"
                    + esc(
                        gettext("Filed on behalf of %(name)s (BIN %(bin)s)")
                        % {"name": a.entity_name, "bin": a.entity_bin}
                    )
                    + "</strong><br>"
                    if a.entity_bin
                    else ""
                ),
            )
        )
    return SafeString("".join(out))
