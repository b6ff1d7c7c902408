"""Background work of e-petitions: thin tasks that call services or notify."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from tyndau.core.pii import decrypt
from tyndau.notifications.services import notify
from tyndau.petitions.models import Petition, Signature, SignatureStatus


@task()
def notify_signers_of_response(petition_id: int) -> int:
    """E-mail every confirmed signer who asked to hear about the response."""
    petition = Petition.objects.get(pk=petition_id)
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.SITE_URL + reverse("petitions:detail", args=[petition.pk])
    sent = 0
    signers = (
        Signature.objects.filter(petition_id=petition_id, status=SignatureStatus.CONFIRMED, notify_on_response=True)
        .select_related("user")
        .only("id", "email_encrypted", "user__email", "user__preferred_language")
    )
    for signature in signers.iterator(chunk_size=1000):
        to = signature.user if signature.user_id else decrypt(signature.email_encrypted)
        if not to:
            continue
        notify(
            to=to,
            template="petitions/email/response_to_signer",
            context={
                "title": petition.title,
                "petition_id": petition.pk,
                "url": url,
                "outcome": petition.get_response_outcome_display(),
            },
        )
        sent += 1
    return sent
