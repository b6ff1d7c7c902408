"""The signing lane: one-step signing without the generic request pipeline.

In a national surge nearly every request is the same one: a signed-in verified citizen posting
the one-step form (`POST /<lang>/petitions/<id>/sign/`). Through the full stack that request costs
six round trips (a database health check, the session, the user row, the identity, the signing
state, the insert) and ~5 ms of Python; a bare Django view that inserts one row costs ~1 ms. The
lane answers that one request with what it needs and nothing else:

- one cache round trip for the session and the petition's signing state together;
- one query for the session's user and their verified identity (`identity.identity_sql`);
- the same insert as the view (`statements.insert_verified`);
- Django's own middleware for everything else: host validation, HTTPS redirect, CSRF, language,
  messages, session cookie handling and security headers are the same code as on every page;
- the answer ("counted", a redirect to the petition with a thank-you message) built once per
  language, scheme and petition by those same middleware hooks, then reused (`_CountedAnswer`).

Anything unusual — no session, a stale session hash, an unverified user, a closed petition, a
failed CSRF check, an IIN that already signed, a database error — is not handled here: the request
goes on, untouched, to the full Django handler, which gives the answer a page would. The lane can
therefore only say "your signature is counted"; every other answer comes from the view.

ADR 0009 records why this exists and what it must keep in step with (the middleware list is pinned
by a test: a new middleware fails it until someone decides whether the lane needs it).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages import SUCCESS
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.http.cookie import SimpleCookie
from django.http.response import ResponseHeaders
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from tyndau.core.client_ip import client_ip
from tyndau.core.db import close_if_broken, fetchone_hot
from tyndau.petitions.errors import PetitionError
from tyndau.petitions.forms import OneStepSignForm
from tyndau.petitions.surge.forms import cleaned_or_none
from tyndau.petitions.surge.identity import identity_sql, minimum_level
from tyndau.petitions.surge.state import check_signing_state, signing_state, signing_state_key
from tyndau.petitions.surge.statements import insert_verified

logger = logging.getLogger(__name__)

# The middleware the lane stands in for with its own, batched, reads. Every other middleware in
# settings.MIDDLEWARE runs its request, view and response hooks on lane requests as on any other.
REPLACED = {
    "django.contrib.sessions.middleware.SessionMiddleware",  # the session read is batched (response hook still runs)
    "django.contrib.auth.middleware.AuthenticationMiddleware",  # the user read is folded into the identity query
    "django.contrib.auth.middleware.LoginRequiredMiddleware",  # the sign view is public
}
# What settings.MIDDLEWARE held when the lane was last reviewed; a test compares them.
REVIEWED_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tyndau.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tyndau.core.uploads.UploadLimitMiddleware",  # __call__ only: no hook for the lane (a signing form is small)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Hooks only: its view hook does nothing for the sign view; its response hook gives a signer the
    # read-your-writes cookie when a replica is configured (ADR 0031).
    "tyndau.core.replica.ReplicaMiddleware",
    # process_exception only: the lane falls back to the view on a database error, which ends there.
    "tyndau.core.unavailable.DatabaseUnavailableMiddleware",
]
# Django's AbstractBaseUser.get_session_auth_hash: HMAC of the password hash (a test pins it).
SESSION_HASH_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
SESSION_RESPONSE = "django.contrib.sessions.middleware.SessionMiddleware"
HOOKS = ("process_request", "process_view", "process_response")
# The message storages whose whole output is the `messages` cookie (Django's default is Fallback).
COOKIE_MESSAGE_STORAGES = {
    "django.contrib.messages.storage.fallback.FallbackStorage",
    "django.contrib.messages.storage.cookie.CookieStorage",
}
COUNTED_ANSWERS_MAX = 4096  # languages × schemes × petitions collecting at once; then start afresh


def _path_pattern() -> re.Pattern[str]:
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?P<lang>{languages})/petitions/(?P<pk>[0-9]{{1,18}})/sign/$")


def _sign_view() -> Any:
    language = settings.LANGUAGES[0][0]
    with translation.override(language):
        return resolve(f"/{language}/petitions/1/sign/").func


class _Fallback(Exception):
    """Not for the lane: the full handler answers."""


class SigningLaneHandler(WSGIHandler):
    """Django's WSGI handler with the one-step signing lane in front of the middleware chain."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lane_enabled = bool(getattr(settings, "TYNDAU_SIGNING_LANE", True))
        self.pattern = _path_pattern()
        # The view the full handler would call, found the way it finds it (the URLconf), not imported:
        # the fast path sits below the views it falls back to (no import cycle, ADR 0029).
        self.sign_view = _sign_view()
        self.hooks_request: list[Any] = []
        self.hooks_view: list[Any] = []
        self.hooks_response: list[Any] = []
        for dotted in settings.MIDDLEWARE:
            middleware_class = import_string(dotted)
            if not any(hasattr(middleware_class, hook) for hook in HOOKS):
                continue  # e.g. WhiteNoise: nothing for the lane to call, so no second instance
            instance = middleware_class(_no_view)
            if hasattr(instance, "process_response") and (dotted not in REPLACED or dotted == SESSION_RESPONSE):
                self.hooks_response.insert(0, instance.process_response)
            if dotted in REPLACED:
                continue
            if hasattr(instance, "process_request"):
                self.hooks_request.append(instance.process_request)
            if hasattr(instance, "process_view"):
                self.hooks_view.append(instance.process_view)
        self.session_engine = import_string(settings.SESSION_ENGINE)
        self.session_cache = caches[getattr(settings, "SESSION_CACHE_ALIAS", "default")]
        self.batched_session = (
            settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
            and getattr(settings, "SESSION_CACHE_ALIAS", "default") == "default"
        )
        self.counted_answers: dict[tuple[str, bool, int], _CountedAnswer] = {}
        self.answers_reusable = (
            not settings.SESSION_SAVE_EVERY_REQUEST
            and getattr(settings, "MESSAGE_STORAGE", "django.contrib.messages.storage.fallback.FallbackStorage")
            in COOKIE_MESSAGE_STORAGES
        )

    def get_response(self, request: HttpRequest) -> HttpResponseBase:
        if self.lane_enabled and request.method == "POST" and isinstance(request, WSGIRequest):
            match = self.pattern.match(request.path_info)
            if match is not None and settings.SESSION_COOKIE_NAME in request.COOKIES:
                response = self.sign(request, match["lang"], int(match["pk"]))
                if response is not None:
                    return response
        return super().get_response(request)

    # ------------------------------------------------------------------ the lane
    def sign(self, request: WSGIRequest, lang: str, pk: int) -> HttpResponse | None:
        try:
            user_id, identity, person = self._prepare(request, pk)
        except _Fallback:
            return None
        except Exception:
            # Never a 500 from the lane: the view answers (and logs, if it fails too).
            logger.exception("signing lane: falling back to the view")
            close_if_broken()
            return None
        try:
            signature_id = insert_verified(
                petition_id=pk,
                identity=identity,
                user_id=user_id,
                first_name=person["first_name"],
                last_name=person["last_name"],
                email=person["email"],
                show_name=person["show_name"],
                notify_on_response=person["notify_on_response"],
                ip=client_ip(request),
            )
        except DatabaseError:
            # Before or during the insert: the view retries it on a fresh connection; a row that did
            # commit makes the retry answer "already signed", which is then the truth.
            logger.warning("signing lane: database error, falling back to the view", exc_info=True)
            close_if_broken()
            return None
        if signature_id is None:
            return None  # already signed: the view renders that page
        return self._counted(request, pk)

    def _prepare(self, request: WSGIRequest, pk: int) -> tuple[int, dict[str, Any], dict[str, Any]]:
        session_data, state = self._read_session_and_state(request, pk)  # sets request.session
        for hook in self.hooks_request:
            if hook(request) is not None:  # HTTPS redirect, bad host, …: the view's answer
                raise _Fallback
        if not session_data or session_data.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
            raise _Fallback
        for hook in self.hooks_view:
            if hook(request, self.sign_view, (), {"pk": pk}) is not None:  # CSRF refused: the view's 403
                raise _Fallback
        cleaned = cleaned_or_none(OneStepSignForm, request.POST)
        if cleaned is None:
            raise _Fallback
        try:
            check_signing_state(state)
        except PetitionError:
            raise _Fallback from None
        user_id = int(session_data[SESSION_KEY])
        # No per-request health check (`SELECT 1`) before this statement: if the persistent
        # connection died, this statement fails and the view answers on a fresh connection.
        row = fetchone_hot(identity_sql(with_user=True), [minimum_level(), user_id])
        if row is None:
            raise _Fallback
        password, is_active, first_name, last_name, email, iin_hash, iin_encrypted, region_id = row
        expected = salted_hmac(SESSION_HASH_SALT, password, algorithm="sha256").hexdigest()
        if not is_active or not constant_time_compare(session_data.get(HASH_SESSION_KEY) or "", expected):
            raise _Fallback  # Django checks the fallback keys, then signs the session out
        if not iin_hash:
            raise _Fallback  # not a verified citizen: the view shows the e-mail form
        identity = {"iin_hash": iin_hash, "iin_encrypted": iin_encrypted, "region_id": region_id}
        person = {"first_name": first_name, "last_name": last_name, "email": email, **cleaned}
        return user_id, identity, person

    def _read_session_and_state(self, request: WSGIRequest, pk: int) -> tuple[dict[str, Any] | None, Any]:
        """The session and the signing state, in one cache round trip where both live in one cache."""
        key = request.COOKIES[settings.SESSION_COOKIE_NAME]
        store = self.session_engine.SessionStore(key)
        request.session = store
        state_key = signing_state_key(pk)
        if self.batched_session:
            found = self.session_cache.get_many([store.cache_key, state_key])
            data = found.get(store.cache_key)
            state = found.get(state_key)
            if data is None:
                raise _Fallback  # not in the cache: the full path reads the table and refills it
            store._session_cache = data  # what SessionBase.load leaves behind
            store.accessed = True
        else:
            data = store._get_session()
            state = None
        if state is None:
            state = signing_state(pk)
        return data, state

    def _counted(self, request: WSGIRequest, pk: int) -> HttpResponse:
        reusable = self._answer_is_reusable(request)
        key = (request.LANGUAGE_CODE, request.is_secure(), pk)
        if reusable and (answer := self.counted_answers.get(key)) is not None:
            return answer.response()
        try:
            messages = request._messages  # type: ignore[attr-defined]  # set by MessageMiddleware's hook
            messages.add(SUCCESS, gettext("Thank you: your signature is counted."))
            response: HttpResponse = HttpResponseRedirect(reverse("petitions:detail", args=[pk]))
            for hook in self.hooks_response:
                response = hook(request, response)
        except Exception:
            # The signature is stored; only the page around it failed. Say so plainly.
            logger.exception("signing lane: response after a stored signature")
            return HttpResponseRedirect(f"/{request.LANGUAGE_CODE}/petitions/{pk}/")
        if reusable:
            if len(self.counted_answers) >= COUNTED_ANSWERS_MAX:
                self.counted_answers.clear()
            self.counted_answers[key] = _CountedAnswer(response)
        return response

    def _answer_is_reusable(self, request: WSGIRequest) -> bool:
        """Whether the middleware would answer this request exactly as the last one of its kind.

        The response hooks' output depends on the request only through: the language and scheme (in
        the key), messages already waiting (in the `messages` cookie or the session), a CSRF cookie
        that Django wants to rewrite, and a session that changed. Any of those: build afresh."""
        return (
            self.answers_reusable
            and CookieStorage.cookie_name not in request.COOKIES
            and SessionStorage.session_key not in (request.session._session_cache or {})  # type: ignore[attr-defined]
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.session.modified  # type: ignore[attr-defined]
        )


class _CountedAnswer:
    """The lane's "counted" response, as the middleware hooks built it, to be handed out again.

    Building it costs more CPU than the signature's own statement: the message is translated,
    serialised, compressed and signed into a cookie, the URL reversed, eight hooks run. For the same
    language, scheme and petition the result is the same bytes (the signed message carries a
    timestamp that message storage never checks), so it is built once and copied: every response
    gets its own headers and cookie objects, never a shared one."""

    __slots__ = ("cookies", "headers", "location", "status")

    def __init__(self, response: HttpResponse) -> None:
        self.status = response.status_code
        self.location = response["Location"]
        self.headers = dict(response.headers)
        self.cookies = [morsel.copy() for morsel in response.cookies.values()]

    def response(self) -> HttpResponse:
        response = HttpResponseRedirect(self.location)
        response.status_code = self.status
        response.headers = ResponseHeaders(self.headers)
        cookies = SimpleCookie()
        for morsel in self.cookies:
            dict.__setitem__(cookies, morsel.key, morsel.copy())
        response.cookies = cookies
        return response


def _no_view(request: Any) -> HttpResponse:  # pragma: no cover - the lane never calls through
    raise AssertionError("the signing lane calls middleware hooks, not the chain")
