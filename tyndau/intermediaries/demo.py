"""Demo help from an accredited intermediary, made through the services. Idempotent.

A volunteer (helper@demo.tyndau.kz) is accredited by the demo administrator for the first registered demo
association; with the demo citizen's consent (the code read back from the development outbox — demo only)
they file one appeal in the citizen's name, with the citizen's permission to see the answer. The
organisation's page then shows one person helped.
"""

from __future__ import annotations

import re
import uuid
from typing import TextIO

from django.conf import settings

from tyndau.accounts import services as account_services
from tyndau.accounts.models import ConsentSource, Role
from tyndau.accounts.selectors import user_by_email
from tyndau.associations.models import Application, Status
from tyndau.authorities.models import Category, PublicBody
from tyndau.intermediaries import services
from tyndau.intermediaries.models import HelpedCase
from tyndau.notifications.models import OutgoingEmail

NAMESPACE = uuid.UUID("3b0f7c52-8d3e-4c1a-9e55-7a0d1f6b2c90")
HELPER_EMAIL = "helper@demo.tyndau.kz"
CITIZEN_EMAIL = "citizen@demo.tyndau.kz"
CITIZEN_IIN = "850315400015"  # tyndau.accounts.demo.DEMO_CITIZEN_IIN


def seed(stdout: TextIO) -> None:
    admin = user_by_email("admin@demo.tyndau.kz")
    citizen = user_by_email(CITIZEN_EMAIL)
    association = Application.objects.filter(status=Status.REGISTERED).order_by("pk").first()
    akimat = PublicBody.objects.filter(slug="almaty-akimat").first()
    category = Category.objects.filter(slug="roads").first()
    if not (admin and citizen and association and akimat and akimat.region and category):
        stdout.write("intermediaries: demo accounts, a registered association or the Almaty akimat missing; skipped\n")
        return
    helper = user_by_email(HELPER_EMAIL) or account_services.user_create(
        actor=None,
        email=HELPER_EMAIL,
        password=settings.DEMO_PASSWORD,
        first_name="Сая",
        last_name="Көмекова",
        preferred_language="ru",
        email_verified=True,
        consent_source=ConsentSource.DEMO_SEED,
    )
    account_services.role_grant(actor=None, user=helper, role=Role.CITIZEN)
    services.accreditation_grant(actor=admin, user=helper, association=association)
    if HelpedCase.objects.filter(consent__intermediary=helper).exists():
        stdout.write("intermediaries: demo help already there\n")
        return
    consent = services.consent_request(actor=helper, iin=CITIZEN_IIN, channel="email", share_answers=True)
    sent = OutgoingEmail.objects.filter(to_address=CITIZEN_EMAIL).order_by("-pk").first()
    found = re.search(r"\b(\d{6})\b", sent.body) if sent else None
    if found is None:
        stdout.write("intermediaries: the demo code was not found in the outbox; skipped\n")
        return
    services.consent_confirm(actor=helper, consent=consent, code=found.group(1))
    services.appeal_file_for(
        actor=helper,
        consent=consent,
        idempotency_key=uuid.uuid5(NAMESPACE, "helped-appeal"),
        kind="application",
        region=akimat.region,
        category=category,
        body=akimat,
        subject="Нет освещения на остановке",
        text="На остановке у дома 15 по улице Толе би второй месяц не горит фонарь; пожилым людям страшно вечером.",
        language="ru",
    )
    stdout.write(f"intermediaries: {HELPER_EMAIL} accredited, one appeal filed for the demo citizen\n")
