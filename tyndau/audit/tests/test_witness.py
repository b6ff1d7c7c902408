"""Witnesses: C2SP cosignatures, the tlog-witness add-checkpoint protocol, the portal collecting
cosignatures and receipts requiring a quorum of them (issue #14, "Witnesses"). No network: the
witnesses run in this process, and once over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings as django_settings
from django.core.management import call_command

from tyndau.audit import selectors, services, signing, tlog, tree
from tyndau.audit.models import Cosignature
from tyndau.audit.selectors import receipt_for
from tyndau.audit.services import checkpoint_sign, checkpoint_witness
from tyndau.audit.tests.helpers import record
from tyndau.audit.verify_receipt import Invalid, verify_bundle
from tyndau.audit.witness import FileState, Witness, _handler

pytestmark = pytest.mark.django_db

NOW = 1_765_000_000
SPEC_CHECKPOINT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"


def _key(seed: int) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)


def _alarmed() -> tuple[Witness, list[str]]:
    """A witness whose alarms are collected."""
    alarms: list[str] = []
    witness = _witness("w1.example", 1)
    witness.alarm = alarms.append
    return witness, alarms


def _witness(name: str, seed: int, **kwargs) -> Witness:
    logs = {signing.log_origin(): [signing.own_verifier_key()]}
    return Witness(name, _key(seed), logs, clock=lambda: NOW, alarm=lambda message: None, **kwargs)


class Network:
    """In-process witnesses behind their submission URLs: what `checkpoint_witness` POSTs to."""

    def __init__(self, *witnesses: Witness) -> None:
        self.by_url = {f"https://{w.name}": w for w in witnesses}
        self.requests: list[tuple[str, bytes]] = []

    def post(self, url: str, body: bytes) -> tuple[int, str, bytes]:
        self.requests.append((url, body))
        prefix, _, call = url.rpartition("/")
        assert call == "add-checkpoint"
        answer = self.by_url[prefix].add_checkpoint(body)
        return answer.status, answer.content_type, answer.body

    def configure(self, settings, quorum: int = 0) -> None:
        settings.AUDIT_WITNESSES = [f"{w.key}|{url}" for url, w in self.by_url.items()]
        settings.AUDIT_WITNESS_QUORUM = quorum


# The formats ---------------------------------------------------------------------------------------


def test_a_cosignature_is_the_spec_s_timestamped_signature_over_its_message():
    # The message exactly as c2sp.org/tlog-cosignature writes it out.
    spec_message = b"cosignature/v1\ntime 1679315147\n" + SPEC_CHECKPOINT.encode()
    assert tlog.cosignature_message(SPEC_CHECKPOINT, 1679315147) == spec_message
    private = _key(7)
    public = tlog.raw_public_key(private.public_key())
    key = tlog.CosignerKey.of("witness.example.com/w1", public)
    # Key id: SHA-256(name ‖ "\n" ‖ 0x04 ‖ key)[:4], computed here without the module.
    import hashlib

    assert key.id == hashlib.sha256(b"witness.example.com/w1\n\x04" + public).digest()[:4]
    assert tlog.CosignerKey.parse(str(key)) == key
    line = tlog.cosign(SPEC_CHECKPOINT, "witness.example.com/w1", private, 1679315147)
    blob = base64.b64decode(line.split(" ")[2])
    # base64(key id ‖ big-endian u64 timestamp ‖ Ed25519 signature), checked with cryptography directly.
    assert blob[:4] == key.id and int.from_bytes(blob[4:12], "big") == 1679315147 and len(blob) == 76
    private.public_key().verify(blob[12:], spec_message)
    note = SPEC_CHECKPOINT + "\n" + line
    assert tlog.verify_cosignatures(note, [key]) == {"witness.example.com/w1": 1679315147}
    # Another witness's key is ignored; a forged line under a known key rejects the note.
    other = tlog.CosignerKey.of("witness.example.com/w2", tlog.raw_public_key(_key(8).public_key()))
    assert tlog.verify_cosignatures(note, [other]) == {}
    with pytest.raises(tlog.NoteError, match="1 of the required 2"):
        tlog.require_quorum(note, [key, other], 2)
    forged = SPEC_CHECKPOINT + "\n" + tlog.cosign(SPEC_CHECKPOINT.replace("3\n", "4\n", 1), key.name, private, 1)
    with pytest.raises(tlog.NoteError, match="does not verify"):
        tlog.verify_cosignatures(forged, [key])
    for bad in (str(key).replace("+", "+00", 1), str(signing.own_verifier_key())):
        with pytest.raises(tlog.NoteError):
            tlog.CosignerKey.parse(bad)


def test_the_add_checkpoint_body_round_trips_and_refuses_malformed_requests():
    proof = [bytes([i]) * 32 for i in range(3)]
    body = tlog.add_checkpoint_body(20852014, proof, SPEC_CHECKPOINT + "\n— x AAAA\n")
    assert body.startswith(b"old 20852014\n" + base64.b64encode(proof[0]) + b"\n")
    assert tlog.parse_add_checkpoint(body) == (20852014, proof, SPEC_CHECKPOINT + "\n— x AAAA\n")
    for bad in (b"old 01\n\nx", b"new 1\n\nx", b"old 1\nnot base64!\n\nx", b"old 1\nAAAA\n\nx", b"old 1\n"):
        with pytest.raises(tlog.NoteError):
            tlog.parse_add_checkpoint(bad)


# The witness --------------------------------------------------------------------------------------


def _body(old_size: int, new_size: int) -> bytes:
    checkpoint = selectors.checkpoint_of_size(new_size)
    proof = tree.consistency_proof(old_size, new_size) if old_size else []
    return tlog.add_checkpoint_body(old_size, proof, checkpoint.note)


def test_the_witness_answers_as_the_spec_says():
    witness, alarms = _alarmed()
    record(3)
    checkpoint_sign()
    record(2)
    checkpoint_sign()
    first = witness.add_checkpoint(_body(0, 3))
    assert first.status == 200 and first.body.startswith(b"\xe2\x80\x94 w1.example ")
    assert tlog.verify_cosignatures(selectors.checkpoint_of_size(3).note + first.body.decode(), [witness.key])
    # The old size must be the one it last cosigned: 409 with that size, as text/x.tlog.size.
    stale = witness.add_checkpoint(_body(0, 5))
    assert (stale.status, stale.content_type, stale.body) == (409, "text/x.tlog.size", b"3\n")
    assert witness.add_checkpoint(_body(3, 5)).status == 200
    assert witness.add_checkpoint(_body(5, 5)).status == 200  # the same checkpoint again: cosigned again
    # Unknown log: 404. No trusted signature: 403. Old size above the new one: 400. Garbage: 400.
    foreign = tlog.sign_note(tlog.Checkpoint("other.example/log", 1, bytes(32)).text(), "other.example/log", _key(9))
    assert witness.add_checkpoint(tlog.add_checkpoint_body(0, [], foreign)).status == 404
    attacker = tlog.sign_note(tlog.Checkpoint(signing.log_origin(), 9, bytes(32)).text(), signing.log_origin(), _key(9))
    assert witness.add_checkpoint(tlog.add_checkpoint_body(5, [], attacker)).status == 403
    assert witness.add_checkpoint(tlog.add_checkpoint_body(6, [], selectors.checkpoint_of_size(5).note)).status == 400
    assert witness.add_checkpoint(b"\xff\xfe").status == 400
    # A proof from size 0 is empty; a proof that does not verify is 422 and an alarm.
    assert alarms == []
    wrong = tlog.add_checkpoint_body(5, [bytes(32)], selectors.checkpoint_of_size(5).note)
    record(1)
    checkpoint_sign()
    wrong = tlog.add_checkpoint_body(5, [bytes(32)] * 3, selectors.checkpoint_of_size(6).note)
    assert witness.add_checkpoint(wrong).status == 422 and len(alarms) == 1 and witness.evidence == [wrong]


def _forged_log(sizes: int, origin: str) -> tuple[dict[tlog.Node, bytes], list[bytes]]:
    """Another history under the same origin, in memory: leaves that are not the portal's."""
    nodes: dict[tlog.Node, bytes] = {}
    leaves = [tlog.leaf_hash(f"forged {i}".encode()) for i in range(sizes)]
    for index, leaf in enumerate(leaves):
        siblings = [nodes[node] for node in tlog.append_siblings(index)]
        nodes.update(tlog.append_nodes(index, leaf, siblings))
    return nodes, leaves


def test_a_split_view_is_caught_by_the_witness():
    """The operator (with the real signing key) shows the witness a second history under the same origin."""
    witness, alarms = _alarmed()
    record(5)
    checkpoint_sign()
    assert witness.add_checkpoint(_body(0, 5)).status == 200
    origin, key = signing.log_origin(), signing.signing_key()
    nodes, leaves = _forged_log(8, origin)
    read = lambda wanted: {node: nodes[node] for node in wanted}  # noqa: E731
    # Same size, another root: 409 and an alarm.
    fork5 = tlog.sign_note(tlog.Checkpoint(origin, 5, tlog.root_of(leaves[:5])).text(), origin, key)
    assert witness.add_checkpoint(tlog.add_checkpoint_body(5, [], fork5)).status == 409
    # A larger forged tree with its own (internally consistent) proof from size 5: 422 and an alarm.
    fork8 = tlog.sign_note(tlog.Checkpoint(origin, 8, tlog.root_of(leaves)).text(), origin, key)
    proof = tlog.resolve(tlog.consistency_ranges(5, 8), read)
    assert witness.add_checkpoint(tlog.add_checkpoint_body(5, proof, fork8)).status == 422
    assert len(alarms) == 2 and "two trees of size 5" in alarms[0] and "does not extend" in alarms[1]
    # A truncated log (a tree smaller than the one it cosigned) gets no cosignature either.
    assert witness.add_checkpoint(tlog.add_checkpoint_body(3, [], fork5)).status == 409


# The portal and its witnesses ---------------------------------------------------------------------


def test_the_portal_collects_cosignatures_and_serves_the_cosigned_checkpoint(client, settings):
    network = Network(_witness("w1.example", 1), _witness("w2.example", 2))
    network.configure(settings, quorum=2)
    record(3)
    first = checkpoint_sign()
    assert [o.ok for o in checkpoint_witness(first, post=network.post)] == [True, True]
    record(4)
    second = checkpoint_sign()
    outcomes = checkpoint_witness(second, post=network.post)
    assert all(o.ok for o in outcomes), outcomes
    assert network.requests[-1][1].startswith(b"old 3\n")  # from the size it cosigned, with the proof
    assert checkpoint_witness(second, post=network.post)[0].detail == "already cosigned size 7"
    assert Cosignature.objects.filter(checkpoint=second).count() == 2
    served = client.get("/api/v1/audit/log/checkpoint").content.decode()
    keys = [w.key for w in signing.witnesses()]
    assert tlog.require_quorum(served, keys, 2) == {"w1.example": NOW, "w2.example": NOW}
    assert tlog.open_checkpoint(served, [signing.own_verifier_key()], origin=signing.log_origin()).size == 7
    assert client.get("/api/v1/audit/checkpoints/3").content.decode().count("\n— ") == 3
    page = client.get("/en/audit/").content.decode()
    assert "w1.example" in page and "w2.example" in page


def test_a_witness_that_lost_track_is_resynchronised_from_the_size_it_reports(settings):
    behind = _witness("w1.example", 1)
    network = Network(behind)
    network.configure(settings)
    record(3)
    checkpoint_sign()
    assert behind.add_checkpoint(_body(0, 3)).status == 200  # it cosigned size 3; the portal never heard
    record(2)
    checkpoint = checkpoint_sign()
    assert checkpoint_witness(checkpoint, post=network.post)[0].ok
    assert [body.split(b"\n")[0] for _, body in network.requests] == [b"old 0", b"old 3"]


def test_a_witness_that_refuses_or_lies_is_reported_and_nothing_is_stored(settings):
    honest = _witness("w1.example", 1)
    liar = _witness("w2.example", 2)
    network = Network(honest, liar)
    network.configure(settings)
    liar.private_key = _key(99)  # answers cosignatures that do not verify with its configured key
    record(2)
    checkpoint = checkpoint_sign()
    outcomes = {o.witness: o for o in checkpoint_witness(checkpoint, post=network.post)}
    assert outcomes["w1.example"].ok and not outcomes["w2.example"].ok
    assert list(Cosignature.objects.values_list("witness", flat=True)) == ["w1.example"]

    def down(url: str, body: bytes) -> tuple[int, str, bytes]:
        raise OSError("connection refused")

    record(1)
    assert not any(o.ok for o in checkpoint_witness(checkpoint_sign(), post=down))


def test_audit_sign_head_has_the_configured_witnesses_cosign(settings, monkeypatch, capsys):
    network = Network(_witness("w1.example", 1))
    network.configure(settings)
    monkeypatch.setattr(services, "_http_post", network.post)
    record(2)
    call_command("audit_sign_head")
    assert "witness w1.example: OK" in capsys.readouterr().out
    call_command("audit_witness")
    assert "already cosigned size 2" in capsys.readouterr().out


# Receipts with a quorum ----------------------------------------------------------------------------


def test_a_receipt_verifies_offline_only_with_the_quorum_of_witnesses(client, settings, tmp_path: Path):
    network = Network(_witness("w1.example", 1), _witness("w2.example", 2))
    network.configure(settings, quorum=2)
    events = record(3)
    checkpoint = checkpoint_sign()
    checkpoint_witness(checkpoint, post=network.post)
    bundle = json.loads(client.get(f"/api/v1/audit/receipts/{receipt_for(events[1])}").content)
    keys = [w.key for w in signing.witnesses()]
    assert bundle["witness_quorum"] == 2 and bundle["witness_keys"] == [str(k) for k in keys]
    message = verify_bundle(bundle, [signing.own_verifier_key()], witnesses=keys, quorum=2)
    assert "cosigned by 2 witness(es) (w1.example, w2.example; 2 required)" in message
    # The log's own signature alone (a checkpoint shown to nobody else) is refused.
    bare = dict(bundle, checkpoint=checkpoint.note)
    with pytest.raises(Invalid) as refused:
        verify_bundle(bare, [signing.own_verifier_key()], witnesses=keys, quorum=2)
    assert refused.value.kind == "witness"
    # The public page applies the configured quorum too.
    page = client.post("/en/audit/bundle/", {"bundle": json.dumps(bare)})
    assert page.status_code == 422 and "independent witnesses" in page.content.decode()
    assert client.post("/en/audit/bundle/", {"bundle": json.dumps(bundle)}).status_code == 200
    # The stand-alone verifier, without Django.
    path = tmp_path / "receipt.json"
    path.write_text(json.dumps(bundle), "utf-8")
    args = [sys.executable, "-m", "tyndau.audit.verify_receipt", str(path), "--key", str(signing.own_verifier_key())]
    args += [arg for key in keys for arg in ("--witness", str(key))] + ["--quorum", "2"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(django_settings.BASE_DIR)}
    ok = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert ok.returncode == 0 and ok.stdout.startswith("VALID:"), ok.stdout + ok.stderr
    path.write_text(json.dumps(bare), "utf-8")
    bad = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert bad.returncode == 1 and "cosigned by 0 of the required 2" in bad.stdout


def test_the_witness_runs_as_its_own_http_process_with_its_own_storage(settings, tmp_path: Path):
    """The real HTTP server and file storage, on 127.0.0.1 (no outside network)."""
    state = tmp_path / "witness.json"
    witness = _witness("w1.example", 1, state=FileState(state))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(witness))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.AUDIT_WITNESSES = [f"{witness.key}|http://127.0.0.1:{server.server_port}/"]
        record(2)
        assert checkpoint_witness(checkpoint_sign())[0].ok
        assert json.loads(state.read_text())[signing.log_origin()].startswith(signing.log_origin() + "\n2\n")
        # A restarted witness (same file) still expects the old size 2.
        restarted = _witness("w1.example", 1, state=FileState(state))
        record(1)
        checkpoint_sign()
        assert restarted.add_checkpoint(_body(0, 3)).body == b"2\n"
        status, _, _ = services._http_post(f"http://127.0.0.1:{server.server_port}/nothing", b"x")
        assert status == 404
    finally:
        server.shutdown()
        server.server_close()


def test_stored_cosignatures_are_append_only(settings):
    from django.db import DatabaseError, connection, transaction

    network = Network(_witness("w1.example", 1))
    network.configure(settings)
    record(1)
    checkpoint_witness(checkpoint_sign(), post=network.post)
    cosignature = Cosignature.objects.get()
    for change in (
        lambda: Cosignature.objects.filter(pk=cosignature.pk).update(line="— w1.example AAAA\n"),
        lambda: Cosignature.objects.filter(pk=cosignature.pk).delete(),
        lambda: connection.cursor().execute("DELETE FROM audit_cosignature"),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    assert Cosignature.objects.get().line == cosignature.line


def test_the_monitor_raises_the_alarm_on_a_checkpoint_without_the_quorum(client, settings, tmp_path: Path):
    from tyndau.audit.monitor import Alarm, check_round

    network = Network(_witness("w1.example", 1))
    network.configure(settings)
    keys = [w.key for w in signing.witnesses()]

    def fetch(url: str) -> bytes:
        return client.get(url.removeprefix("http://portal")).content

    record(2)
    checkpoint = checkpoint_sign()
    with pytest.raises(Alarm, match="not witnessed: cosigned by 0 of the required 1"):
        check_round("http://portal", signing.own_verifier_key(), tmp_path / "s", fetch, witnesses=keys, quorum=1)
    checkpoint_witness(checkpoint, post=network.post)
    assert check_round("http://portal", signing.own_verifier_key(), tmp_path / "s", fetch, witnesses=keys, quorum=1)


def test_audit_verify_rechecks_the_kept_cosignatures(settings):
    from django.db import connection

    from tyndau.audit.chain import verify_chain
    from tyndau.audit.tests.helpers import disable_append_only_triggers

    network = Network(_witness("w1.example", 1))
    network.configure(settings)
    record(2)
    checkpoint_witness(checkpoint_sign(), post=network.post)
    call_command("audit_sign_head")
    assert verify_chain().ok
    forged = tlog.cosign("another\n1\n" + base64.b64encode(bytes(32)).decode() + "\n", "w1.example", _key(1), NOW)
    disable_append_only_triggers("audit_cosignature")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_cosignature SET line = %s", [forged])
    result = verify_chain()
    assert (result.ok, result.reason, result.broken_seq) == (False, "cosignature_bad", 2)


def test_the_witness_needs_no_django_and_makes_its_own_key():
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(django_settings.BASE_DIR)}
    code = "import sys, tyndau.audit.witness; assert 'django' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=False).returncode == 0
    made = subprocess.run(
        [sys.executable, "-m", "tyndau.audit.witness", "key", "--name", "witness.example/w1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    private_b64, cosigner = made.stdout.split()
    key = tlog.CosignerKey.parse(cosigner)
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
    assert key.name == "witness.example/w1" and key.public_key == tlog.raw_public_key(private.public_key())
