"""What the appeal pages cost beyond their own query (issue 10.28, docs/performance.md): reference
data read once per language, a fixed number of queries per page whatever the number of rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tyndau.appeals import selectors
from tyndau.appeals.forms import RegisterSearchForm
from tyndau.authorities.models import PublicBody


def test_register_page_reads_the_reference_lists_once(client: Any, cast: Any, django_assert_num_queries: Any) -> None:
    url = reverse("appeals:register")
    assert client.get(url).status_code == 200  # fills the per-language lists
    with django_assert_num_queries(1):  # the register itself; bodies, regions and topics come from the cache
        response = client.get(url)
    html = response.content.decode()
    assert cast.body_a.name_ru in client.get("/ru/appeals/register/").content.decode()
    assert f'<option value="{cast.body_a.pk}">' in html


def test_body_select_is_the_html_django_would_write(cast: Any) -> None:
    """Same attributes, options, order and selection as Django's own Select for the same queryset."""
    bound = RegisterSearchForm({"body": str(cast.body_b.pk), "q": ""})
    assert bound.is_valid(), bound.errors
    reference = forms.ModelChoiceField(queryset=PublicBody.objects.filter(is_active=True), required=False)
    for field_name, value in (("body", str(cast.body_b.pk)), ("body", None)):
        field = bound.fields[field_name]
        attrs = {"id": "id_body", "class": "usa-select", "aria-describedby": "x"}
        ours = field.widget.render("body", value, attrs=attrs)
        django = reference.widget.render("body", value, attrs=attrs)
        assert parse_html(ours) == parse_html(django)
    assert bound.cleaned_data["body"] == cast.body_b


def test_a_renamed_body_is_shown_by_its_new_name_at_once(client: Any, cast: Any) -> None:
    assert "Old name" not in client.get("/en/appeals/register/").content.decode()
    cast.body_a.name_en = "Old name"
    cast.body_a.save()
    assert "Old name" in client.get("/en/appeals/register/").content.decode()
    cast.body_a.name_en = "New name"
    cast.body_a.save(update_fields=["name_en"])
    html = client.get("/en/appeals/register/").content.decode()
    assert "New name" in html and "Old name" not in html


def test_reference_lists_are_kept_per_language(client: Any, cast: Any) -> None:
    with translation.override("kk"):
        kk = client.get("/kk/appeals/register/").content.decode()
    ru = client.get("/ru/appeals/register/").content.decode()
    assert cast.body_a.name_kk in kk and cast.body_a.name_ru in ru
    assert cast.body_a.name_ru not in kk or cast.body_a.name_ru == cast.body_a.name_kk


def test_register_selector_is_one_query(cast: Any, file_appeal: Any, django_assert_num_queries: Any) -> None:
    for i in range(3):
        file_appeal(publish_consent=True, subject=f"Appeal {i}")
    with django_assert_num_queries(1):
        rows = selectors.public_register()
        assert [r.body.name for r in rows] and [r.category.name for r in rows]


def test_queue_selectors_are_fixed_queries(cast: Any, file_appeal: Any, django_assert_num_queries: Any) -> None:
    for i in range(3):
        file_appeal(subject=f"Appeal {i}")
    with django_assert_num_queries(1):
        rows = selectors.queue(body=cast.body_a, user=cast.official_a)
        assert len(rows) == 3 and [r.category.name for r in rows]
    with django_assert_num_queries(1):
        assert selectors.queue_counters(body=cast.body_a)["open"] == 3
    with django_assert_num_queries(0):  # cached for the body and the day
        assert selectors.queue_counters(body=cast.body_a)["open"] == 3
    with django_assert_num_queries(2):
        assert selectors.complaints_for(body=cast.body_a) == {"to_pass": [], "to_decide": []}


def test_fast_select_writes_what_djangos_select_writes() -> None:
    from tyndau.core.widgets import FastSelect

    choices = [("", "Any <status>"), ("a", "Ä & b"), ("b", "B"), (None, "none")]
    attrs = {"id": "id_s", "class": "usa-select", "required": True, "disabled": False}
    for value in ("b", "", None, ["a"], "missing"):
        ours = FastSelect(choices=choices).render("s", value, attrs=attrs)
        django = forms.Select(choices=choices).render("s", value, attrs=attrs)
        assert parse_html(ours) == parse_html(django), value


def test_list_rows_keep_their_labels_links_and_status(client: Any, cast: Any, file_appeal: Any) -> None:
    appeal = file_appeal(publish_consent=True)
    client.force_login(cast.official_a)
    with translation.override("ru"):
        number, topic, status = (
            translation.gettext("Number"),
            translation.gettext("Topic"),
            str(appeal.get_status_display()),
        )
    register = client.get("/ru/appeals/register/").content.decode()
    assert f'<a href="/ru/appeals/register/{appeal.number}/">{appeal.number}</a>' in register
    assert f'data-label="{number}"' in register and f'data-label="{topic}"' in register
    assert f">{status}</td>" in register
    queue = client.get(f"/ru/appeals/queue/{cast.body_a.pk}/").content.decode()
    assert f'<a href="/ru/appeals/a/{appeal.number}/">{appeal.number}</a>' in queue
    assert f'data-label="{number}"' in queue and f">{status}</td>" in queue


def _page_queries(client: Any, url: str) -> list[str]:
    """The queries of one GET, without the session's (a database read on SQLite, Redis in production)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "django_session" not in q["sql"]]


def test_queue_page_reads_the_official_bodies_once(client: Any, cast: Any, file_appeal: Any) -> None:
    for i in range(3):
        file_appeal(subject=f"Appeal {i}")
    client.force_login(cast.official_a)
    url = reverse("appeals:queue", args=[cast.body_a.pk])
    # user, role; the official's bodies (the asked one among them); rows, counters, 2 complaint lists
    assert len(_page_queries(client, url)) == 7
    # ... and the counters come from the cache on the next view
    assert len(_page_queries(client, url)) == 6
    assert client.get(reverse("appeals:queue", args=[cast.body_b.pk])).status_code == 404


def test_queue_counters_follow_every_change_of_the_body_s_appeals(
    client: Any, cast: Any, file_appeal: Any, django_assert_max_num_queries: Any
) -> None:
    from tyndau.appeals import services

    first = file_appeal()
    assert selectors.queue_counters(body=cast.body_a)["open"] == 1
    file_appeal()  # a new appeal of the body
    assert selectors.queue_counters(body=cast.body_a)["open"] == 2
    assert selectors.queue_counters(body=cast.body_b)["open"] == 0
    services.appeal_forward(actor=cast.official_a, appeal=first, to_body=cast.body_b, reason="Not ours")
    assert selectors.queue_counters(body=cast.body_a)["open"] == 1  # the former body's figures too
    assert selectors.queue_counters(body=cast.body_b)["open"] == 1
    services.appeal_answer(actor=cast.official_b, appeal=first, outcome="explained", text="A reasoned answer.")
    assert selectors.queue_counters(body=cast.body_b)["open"] == 0
    client.force_login(cast.official_a)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("appeals:queue", args=[cast.body_a.pk])).content.decode()
    assert "<strong>1</strong>" in page


def test_appeal_page_reads_answer_complaint_and_roles_with_the_appeal(client: Any, cast: Any, file_appeal: Any) -> None:
    appeal = file_appeal()
    client.force_login(cast.citizen)
    # user; the appeal with its answer and complaint; is the viewer of the handling body; which related
    # lists have rows (none here: attachments, co-signers, forwardings, extensions, questions); the timeline
    # (its actors' body names come from the cache)
    assert len(_page_queries(client, reverse("appeals:detail", args=[appeal.number]))) == 5


def test_appeal_page_reads_the_related_lists_that_have_rows(
    client: Any, cast: Any, file_appeal: Any, django_assert_max_num_queries: Any
) -> None:
    from tyndau.appeals import services

    appeal = file_appeal()
    services.appeal_forward(actor=cast.official_a, appeal=appeal, to_body=cast.body_b, reason="Not ours")
    services.appeal_request_info(actor=cast.official_b, appeal=appeal, question="Which lamp post exactly?")
    client.force_login(cast.citizen)
    url = f"/en/appeals/a/{appeal.number}/"
    # session, user, appeal, membership, which lists have rows, the questions, the forwardings (with their
    # bodies), the timeline, and the body names of its actors (the cache's first fill)
    with django_assert_max_num_queries(9):
        page = client.get(url).content.decode()
    assert "Which lamp post exactly?" in page and cast.body_b.name_en in page
    lists = selectors.appeal_lists(appeal, cosigners=True)
    assert [
        len(lists[name]) for name in ("attachments", "cosigners", "forwardings", "extensions", "info_requests")
    ] == [
        0,
        0,
        1,
        0,
        1,
    ]
    assert selectors.appeal_lists(appeal, cosigners=False)["cosigners"] == []


def test_timeline_body_names_are_cached_and_follow_a_rename(client: Any, cast: Any, file_appeal: Any) -> None:
    from tyndau.audit.selectors import timeline_for

    appeal = file_appeal()
    with translation.override("en"):
        from tyndau.appeals import services

        services.appeal_assign(actor=cast.official_a, appeal=appeal, assignee=cast.official_a)
        assert any(cast.body_a.name_en in entry.actor_role for entry in timeline_for(appeal))
        cast.body_a.name_en = "Renamed body"
        cast.body_a.save(update_fields=["name_en"])
        assert any("Renamed body" in entry.actor_role for entry in timeline_for(appeal))


def test_excerpt_is_truncatechars() -> None:
    from django.template.defaultfilters import truncatechars

    from tyndau.appeals.templatetags.appeals_tags import excerpt

    samples = [
        "",
        "Свет не горит",
        "я" * 160,
        "я" * 161,
        "Жарық жоқ, " * 30,
        "e\u0301" * 200,  # combining acute accents (NFC makes most of them one character)
        "q\u0301" * 200,  # ... and these stay two
        "ab" * 100 + "\u0301",
        "<b>&amp;</b>" * 40,
    ]
    for language in ("en", "ru", "kk"):
        with translation.override(language):
            for text in samples:
                for length in (0, 1, 2, 5, 159, 160, 161):
                    assert excerpt(text, length) == truncatechars(text, length), (language, text[:20], length)


def test_citizen_list_selector_is_one_query(cast: Any, file_appeal: Any, django_assert_num_queries: Any) -> None:
    for i in range(3):
        file_appeal(subject=f"Appeal {i}")
    with django_assert_num_queries(1):
        rows = selectors.appeals_of(cast.citizen)
        assert len(rows) == 3 and [(r.body.name, r.category.name) for r in rows]


# The queue rows as the template wrote them before `queue_rows` (issue 10.28): the tag must write the same.
QUEUE_ROW_TEMPLATE = """{% load i18n appeals_tags %}
  {% translate "Answer due by" as l_due %}{% translate "Number" as l_number %}{% translate "Subject" as l_subject %}{% translate "Topic" as l_topic %}{% translate "Status" as l_status %}{% translate "Need" as l_need %}{% translate "Assigned" as l_assigned %}{% translate "Overdue" as l_overdue %}{% translate "Today" as l_today %}{% translate "yes" as l_yes %}{% url 'appeals:detail' '__arg__' as detail_url %}
  {% for a in rows %}
  <tr>
    <td data-label="{{ l_due }}">{% if a.deadline < today %}<strong>{{ l_overdue }}</strong> {% elif a.deadline == today %}<strong>{{ l_today }}</strong> {% endif %}{{ a.deadline|date:"DATE_FORMAT" }}</td>
    <th scope="row" data-label="{{ l_number }}"><a href="{{ detail_url|fill:a.number }}">{{ a.number }}</a></th>
    <td data-label="{{ l_subject }}">{{ a.subject }}</td>
    <td data-label="{{ l_topic }}">{{ a.category.name }}</td>
    <td data-label="{{ l_status }}">{{ a|status_label }}</td>
    <td data-label="{{ l_need }}">{% if a.priority %}{{ l_yes }}{% else %}—{% endif %}</td>
    <td data-label="{{ l_assigned }}">{% if a.assignee %}{{ a.assignee.full_name|default:a.assignee }}{% else %}—{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501


def test_queue_rows_tag_writes_what_the_template_wrote(cast: Any, file_appeal: Any) -> None:
    import datetime as dt

    from django.template import Context, Template

    from tyndau.appeals import services
    from tyndau.appeals.templatetags.appeals_tags import queue_rows

    for subject in ('Broken <b>light</b> & "sign"', "Ямы на дороге", "Жол"):
        file_appeal(subject=subject)
    rows = selectors.queue(body=cast.body_a, user=cast.official_a)
    services.appeal_assign(actor=cast.official_a, appeal=rows[0], assignee=cast.official_a)
    rows = selectors.queue(body=cast.body_a, user=cast.official_a)
    rows[1].priority = 1
    deadline = rows[0].deadline
    for language in ("en", "kk", "ru"):
        with translation.override(language):
            for today in (deadline - dt.timedelta(days=1), deadline, deadline + dt.timedelta(days=1)):
                expected = Template(QUEUE_ROW_TEMPLATE).render(Context({"rows": rows, "today": today}))
                assert parse_html(queue_rows(rows, today)) == parse_html(expected), (language, today)


# The register rows as the template wrote them before `register_rows` (issue 10.28): the tag must write the same.
REGISTER_ROW_TEMPLATE = """{% load i18n appeals_tags %}
  {% translate "Number" as l_number %}{% translate "Registered" as l_registered %}{% translate "Body" as l_body %}{% translate "Topic" as l_topic %}{% translate "Status" as l_status %}{% translate "Text" as l_text %}{% url 'appeals:register_detail' '__arg__' as detail_url %}
  {% for a in rows %}
  <tr>
    <th scope="row" data-label="{{ l_number }}"><a href="{{ detail_url|fill:a.number }}">{{ a.number }}</a></th>
    <td data-label="{{ l_registered }}">{{ a.registered_on|date:"DATE_FORMAT" }}</td>
    <td data-label="{{ l_body }}">{{ a.body.name }}</td>
    <td data-label="{{ l_topic }}">{{ a.category.name }}</td>
    <td data-label="{{ l_status }}">{{ a|status_label }}</td>
    <td data-label="{{ l_text }}">{{ a.public_text|excerpt:160 }}</td>
  </tr>
  {% endfor %}"""  # noqa: E501


def test_register_rows_tag_writes_what_the_template_wrote(cast: Any, file_appeal: Any) -> None:
    from django.template import Context, Template

    from tyndau.appeals.templatetags.appeals_tags import register_rows

    for text in ('Broken <b>light</b> & "sign" ' + "x" * 200, "Ямы на дороге у школы", "Жол бұзылған, көмектесіңіз"):
        file_appeal(publish_consent=True, text=text)
    rows = selectors.public_register()
    assert len(rows) == 3
    for language in ("en", "kk", "ru"):
        with translation.override(language):
            expected = Template(REGISTER_ROW_TEMPLATE).render(Context({"rows": rows}))
            assert parse_html(register_rows(rows)) == parse_html(expected), language


def test_the_register_says_when_nothing_is_found(client: Any, db: Any) -> None:
    html = client.get("/en/appeals/register/?q=nothing-like-this").content.decode()
    assert "Nothing found." in html
