"""Demo follows: the demo citizen follows a public petition (at once) and the Almaty akimat (daily),
confirmed, so /following/mine/ and the alerts show something under `make run`."""

from __future__ import annotations

from typing import TextIO

from django.contrib.auth import get_user_model

from tyndau.following import tokens
from tyndau.following.models import Follow, Frequency, Kind
from tyndau.following.services import address_hash, follow_confirm, follow_request
from tyndau.following.targets import resolve


def seed(stdout: TextIO) -> None:
    from django.apps import apps

    citizen = get_user_model().objects.filter(email="citizen@demo.tyndau.kz").first()
    if citizen is None:
        stdout.write("following: demo citizen missing; skipped\n")
        return
    petition = apps.get_model("petitions", "Petition")._default_manager.filter(status="open").order_by("pk").first()
    body = apps.get_model("authorities", "PublicBody")._default_manager.filter(slug="almaty-akimat").first()
    wanted = []
    if petition is not None:
        wanted.append((Kind.PETITION, str(petition.pk), Frequency.IMMEDIATE))
    if body is not None:
        wanted.append((Kind.BODY, str(body.pk), Frequency.DAILY))
    made = 0
    for kind, target_id, frequency in wanted:
        if resolve(kind, target_id) is None:
            continue
        if Follow.objects.filter(email_hash=address_hash(citizen.email), kind=kind, target_id=target_id).exists():
            continue
        follow = follow_request(
            kind=kind, target_id=target_id, email=citizen.email, frequency=frequency, language="ru", user=citizen
        )
        follow_confirm(token=tokens.confirm_token(follow.pk))
        made += 1
    stdout.write(f"following: {made} demo follows\n")
