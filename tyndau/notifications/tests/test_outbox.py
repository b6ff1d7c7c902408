"""The outbox: one row per notify, sent after commit, never on rollback, retried until delivered."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tyndau.notifications import delivery, services
from tyndau.notifications.delivery import outgoing_email_send, retry_delay
from tyndau.notifications.models import OutgoingEmail
from tyndau.notifications.services import notify

pytestmark = pytest.mark.django_db

TEMPLATE = "notifications/email/test"
FAILING = "tyndau.notifications.tests.test_outbox.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: user@example.kz")


def test_notify_writes_one_row_and_sends_after_commit(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        email = notify(to="someone@example.kz", template=TEMPLATE, language="en")
        assert OutgoingEmail.objects.count() == 1
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["someone@example.kz"]
    assert message.subject == "Tyndau: test message"
    assert message.extra_headers["Content-Language"] == "en"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (OutgoingEmail.Status.SENT, 1, "")
    assert email.sent_at is not None


def test_rollback_sends_nothing_and_leaves_no_row(mailoutbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(to="someone@example.kz", template=TEMPLATE)
        raise RuntimeError("the service failed after notify")
    assert callbacks == []
    assert not OutgoingEmail.objects.exists()
    assert mailoutbox == []


def test_email_is_rendered_in_the_recipients_language(cast, mailoutbox, django_capture_on_commit_callbacks):
    cast.citizen.preferred_language = "ru"
    cast.citizen.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(to=cast.citizen, template=TEMPLATE)
        notify(to=cast.citizen, template=TEMPLATE, language="kk")
        notify(to="x@example.kz", template=TEMPLATE, language="xx")  # unknown: the default language
    ru, kk, default = mailoutbox
    assert ru.subject == "Tyndau: тестовое письмо"
    assert "доставка электронной почты работает" in ru.body
    assert kk.subject == "Tyndau: сынақ хат"
    assert default.subject == "Tyndau: сынақ хат"  # LANGUAGE_CODE is kk
    assert list(OutgoingEmail.objects.values_list("language", flat=True)) == ["ru", "kk", "kk"]


def test_smtp_failure_is_retried_later_and_nothing_is_lost(settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            email = notify(to="someone@example.kz", template=TEMPLATE)
        email.refresh_from_db()
        assert email.status == OutgoingEmail.Status.PENDING
        assert email.attempts == 1
        assert email.next_attempt_at == start + timedelta(seconds=60)
        assert email.last_error == "SMTPServerDisconnected"  # no address from the error text
        call_command("send_pending_mail")  # not due yet: nothing happens
        email.refresh_from_db()
        assert email.attempts == 1
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        call_command("send_pending_mail")  # still down: second attempt, longer wait
        email.refresh_from_db()
        assert (email.attempts, email.status) == (2, OutgoingEmail.Status.PENDING)
        assert email.next_attempt_at == start + timedelta(seconds=61 + 120)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(start + timedelta(seconds=200), tick=False):
        call_command("send_pending_mail")
        call_command("send_pending_mail")  # idempotent
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 3)
    assert len(mailoutbox) == 1


def test_backoff_grows_and_is_capped():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert retry_delay(50) == timedelta(hours=6)


def test_gives_up_after_max_attempts(settings, monkeypatch):
    settings.EMAIL_BACKEND = FAILING
    monkeypatch.setattr(delivery, "MAX_ATTEMPTS", 2)
    email = OutgoingEmail.objects.create(to_address="a@example.kz", language="kk", subject="s", body="b")
    assert outgoing_email_send(email_id=email.pk) == "retry"
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert outgoing_email_send(email_id=email.pk) == "failed"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 2)


def test_a_row_is_claimed_by_one_sender_only(mailoutbox):
    email = OutgoingEmail.objects.create(to_address="a@example.kz", language="kk", subject="s", body="b")
    assert delivery._claim(email.pk) is True
    assert delivery._claim(email.pk) is False  # a second worker racing for it gets nothing
    assert outgoing_email_send(email_id=email.pk) == "skipped"
    assert mailoutbox == []


def test_sending_twice_sends_once(mailoutbox):
    email = OutgoingEmail.objects.create(to_address="a@example.kz", language="kk", subject="s", body="b")
    assert outgoing_email_send(email_id=email.pk) == "sent"
    assert outgoing_email_send(email_id=email.pk) == "skipped"
    assert len(mailoutbox) == 1


def test_notify_row_is_the_row_the_orm_would_write():
    """notify inserts without the ORM's query compilation; the row must be what create() writes."""
    with time_machine.travel(timezone.now(), tick=False):
        email = notify(to="someone@example.kz", template=TEMPLATE, language="ru")
        orm = OutgoingEmail.objects.create(
            to_address=email.to_address, language=email.language, subject=email.subject, body=email.body
        )
    assert email.pk is not None and email.pk != orm.pk and not email._state.adding
    stored = OutgoingEmail.objects.get(pk=email.pk)
    orm.refresh_from_db()
    for field in OutgoingEmail._meta.concrete_fields:
        if not field.primary_key:
            assert getattr(stored, field.attname) == getattr(orm, field.attname), field.name
    assert stored.status == OutgoingEmail.Status.PENDING and stored.attempts == 0 and stored.language == "ru"


def test_no_save_signal_receivers_on_the_outbox_model():
    """notify's plain INSERT sends no pre_save/post_save; a receiver added later would be skipped."""
    from django.db.models.signals import post_save, pre_save

    assert not pre_save.has_listeners(OutgoingEmail) and not post_save.has_listeners(OutgoingEmail)


# ------------------------------------------------------------------ one task per second of mail
@pytest.fixture
def database_queue(settings):  # type: ignore[no-untyped-def]
    """Tasks go to the database queue, as in production (tests otherwise run them at once)."""
    from django.core.cache import cache

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.delete(services.MAIL_BATCH_KEY)
    services.forget_mail_window()
    yield
    cache.delete(services.MAIL_BATCH_KEY)
    services.forget_mail_window()


def _queued_tasks():  # type: ignore[no-untyped-def]
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.order_by("enqueued_at"))


def test_a_burst_of_mail_is_one_task_that_sends_it_all(database_queue, mailoutbox, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from tyndau.notifications.tasks import send_due_email

    before = timezone.now()
    for i in range(3):  # three signers within one second, each in their own transaction
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            notify(to=f"signer{i}@example.kz", template=TEMPLATE, language="kk")
    tasks = _queued_tasks()
    assert [t.task_path for t in tasks] == ["tyndau.notifications.tasks.send_due_email"]
    # It runs when the window has closed, so it finds every e-mail committed inside it.
    window = timedelta(seconds=services.MAIL_BATCH_SECONDS)
    assert tasks[0].run_after >= before + window
    assert mailoutbox == []  # nothing is sent before the task runs

    assert send_due_email.call() == {"sent": 3, "retry": 0, "failed": 0, "skipped": 0}
    assert sorted(m.to[0] for m in mailoutbox) == ["signer0@example.kz", "signer1@example.kz", "signer2@example.kz"]

    # The window is over: the next e-mail queues the next task.
    with time_machine.travel(timezone.now() + window + services.MAIL_BATCH_MARGIN, tick=False):
        cache.delete(services.MAIL_BATCH_KEY)  # (the cache's own clock does not travel)
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            notify(to="later@example.kz", template=TEMPLATE)
    assert len(_queued_tasks()) == 2


def test_a_process_asks_the_cache_once_per_window(database_queue, monkeypatch, django_capture_on_commit_callbacks):
    """In a surge each app process asks the shared cache about the mail window once, not per e-mail;
    another process's open window is trusted only until shortly before its task can run."""
    from django.core.cache import cache

    calls = []
    real_add = cache.add

    def counting_add(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return real_add(*args, **kwargs)

    monkeypatch.setattr(services.cache, "add", counting_add)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for i in range(5):
            with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
                notify(to=f"surge{i}@example.kz", template=TEMPLATE)
    assert len(calls) == 1 and len(_queued_tasks()) == 1

    # Another process opened the window: this one trusts it only for the margin, less the safety.
    services.forget_mail_window()
    trusted = services.MAIL_BATCH_MARGIN - services.MAIL_BATCH_SAFETY
    # A refused add: the window is open.
    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        notify(to="a@example.kz", template=TEMPLATE)
    assert len(calls) == 2
    with time_machine.travel(start + trusted / 2, tick=False), django_capture_on_commit_callbacks(execute=True):
        notify(to="b@example.kz", template=TEMPLATE)
    assert len(calls) == 2
    with time_machine.travel(start + trusted, tick=False), django_capture_on_commit_callbacks(execute=True):
        notify(to="c@example.kz", template=TEMPLATE)
    assert len(calls) == 3
    assert len(_queued_tasks()) == 1  # the cache key still marks the open window


def test_a_full_batch_queues_the_next_at_once(database_queue, monkeypatch, mailoutbox):
    from tyndau.notifications.tasks import send_due_email

    monkeypatch.setattr("tyndau.notifications.tasks.MAIL_BATCH_LIMIT", 2)
    for i in range(3):
        notify(to=f"many{i}@example.kz", template=TEMPLATE)
    assert sum(send_due_email.call().values()) == 2
    assert [t.task_path for t in _queued_tasks()][-1:] == ["tyndau.notifications.tasks.send_due_email"]
    assert sum(send_due_email.call().values()) == 1
    assert len(mailoutbox) == 3


def test_a_broken_cache_delays_mail_but_loses_none(
    database_queue, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(services.cache, "add", refuse)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        email = notify(to="someone@example.kz", template=TEMPLATE)
    assert _queued_tasks() == [] and mailoutbox == []
    call_command("send_pending_mail")  # what run_periodic does every minute
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and len(mailoutbox) == 1


# ------------------------------------------------------------------ rendered once, filled in per e-mail
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_varying_values_give_the_same_letter_as_a_full_render(language):
    """The petition confirmation letter is rendered once per language and petition, and each
    signer's link put in place; the letter must be exactly what a full render gives, escaping
    included."""
    template = "petitions/email/confirm_signature"
    context = {"title": 'Пандус & "лифт" <школа>', "petition_id": 7, "hours": 48}
    for url in ("https://tyndau.example.kz/kk/petitions/confirm/MTIz:1t2x/", 'https://x.kz/?a=1&b="<2>"'):
        full = notify(to="a@example.kz", template=template, language=language, context={**context, "url": url})
        slotted = notify(
            to="a@example.kz", template=template, language=language, context={**context, "url": url}, varying=("url",)
        )
        assert (slotted.subject, slotted.body) == (full.subject, full.body)
        assert "\x00" not in slotted.body and url.split("?")[0] in slotted.body


def test_varying_values_are_not_escaped_where_the_template_does_not_escape():
    """Plain-text bodies wrapped in {% autoescape off %} print the value as it is."""
    site = 'https://tyndau.example.kz/?a=1&b="2"'
    full = notify(to="a@example.kz", template=TEMPLATE, language="ru", context={"SITE_URL": site})
    slotted = notify(
        to="a@example.kz", template=TEMPLATE, language="ru", context={"SITE_URL": site}, varying=("SITE_URL",)
    )
    assert (slotted.subject, slotted.body) == (full.subject, full.body)
    assert site in slotted.body  # not &amp;
