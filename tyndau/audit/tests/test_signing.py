from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from tyndau.audit import signing
from tyndau.audit.models import LogHead
from tyndau.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


def test_sign_head_stores_a_verifiable_head_once(capsys):
    events = record(3)
    call_command("audit_sign_head")
    head = LogHead.objects.get()
    assert (head.seq, head.hash) == (3, events[-1].hash)
    # Offline check with nothing but the public key and the documented message.
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(head.public_key))
    public.verify(base64.b64decode(head.signature), f"tyndau-audit-head:v1:3:{events[-1].hash}".encode())
    call_command("audit_sign_head")
    assert "nothing new to sign" in capsys.readouterr().out
    assert LogHead.objects.count() == 1
    record(1)
    call_command("audit_sign_head")
    assert list(LogHead.objects.values_list("seq", flat=True)) == [3, 4]


def test_empty_log_signs_nothing():
    call_command("audit_sign_head")
    assert not LogHead.objects.exists()


def test_key_comes_from_settings(settings):
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization

    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    settings.AUDIT_SIGNING_KEY = base64.b64encode(raw).decode()
    signature = signing.sign(1, "a" * 64)
    published = signing.PublishedKey(signing.own_verifier_key())
    assert signing.verify_signature(seq=1, head_hash="a" * 64, signature_b64=signature, key=published)
    assert not signing.verify_signature(seq=2, head_hash="a" * 64, signature_b64=signature, key=published)


def test_bad_key_fails_loudly(settings):
    settings.AUDIT_SIGNING_KEY = "not-base64!"
    with pytest.raises(ImproperlyConfigured):
        signing.signing_key()
    settings.AUDIT_SIGNING_KEY = base64.b64encode(b"short").decode()
    with pytest.raises(ImproperlyConfigured):
        signing.signing_key()
