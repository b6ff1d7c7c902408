"""Proofs over HTTP, receipt bundles verified offline, tiles (issue #14 c, d)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings as django_settings
from django.utils import translation

from tyndau.audit import signing, tlog, tree
from tyndau.audit.models import Event
from tyndau.audit.selectors import receipt_for
from tyndau.audit.services import checkpoint_sign
from tyndau.audit.tests.helpers import record
from tyndau.audit.verify_receipt import Invalid, verify_bundle

pytestmark = pytest.mark.django_db

API = "/api/v1/audit"


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _unb64(values: list[str]) -> list[bytes]:
    return [base64.b64decode(v) for v in values]


def _keys() -> list[tlog.VerifierKey]:
    return [signing.own_verifier_key()]


def test_inclusion_and_consistency_proofs_over_http_verify(client):
    record(13)
    for index in (0, 6, 12):
        body = client.get(f"{API}/proof/inclusion", {"index": index, "size": 13}).json()
        leaf = tree.leaf_hashes(index, index + 1)[0]
        root = base64.b64decode(body["root_hash"])
        assert root == tree.root(13)
        assert tlog.verify_inclusion(index, 13, leaf, _unb64(body["hashes"]), root)
    body = client.get(f"{API}/proof/consistency", {"old_size": 5, "new_size": 13}).json()
    assert tlog.verify_consistency(5, 13, tree.root(5), tree.root(13), _unb64(body["hashes"]))


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("proof/inclusion", {"index": 13, "size": 13}),
        ("proof/inclusion", {"index": 0, "size": 14}),
        ("proof/consistency", {"old_size": 9, "new_size": 5}),
        ("proof/consistency", {"old_size": 1, "new_size": 99}),
    ],
)
def test_proofs_outside_the_tree_are_404(client, path, params):
    record(13)
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 404


@pytest.mark.parametrize("params", [{"index": -1, "size": 3}, {"index": "x", "size": 3}, {"index": 0, "size": 2**70}])
def test_bad_proof_parameters_are_4xx(client, params):
    assert client.get(f"{API}/proof/inclusion", params).status_code in (400, 422)


def test_checkpoints_are_served_as_text(client):
    assert client.get(f"{API}/log/checkpoint").status_code == 404
    record(3)
    checkpoint = checkpoint_sign()
    assert checkpoint is not None
    response = client.get(f"{API}/log/checkpoint")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == checkpoint.note
    assert client.get(f"{API}/checkpoints/3").content.decode() == checkpoint.note
    assert client.get(f"{API}/checkpoints/4").status_code == 404


def _bundle(client, event: Event) -> dict:
    response = client.get(f"{API}/receipts/{receipt_for(event)}")
    assert response.status_code == 200, response.content
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_a_receipt_bundle_verifies_offline_and_catches_rewrites(client):
    events = record(9)
    assert client.get(f"{API}/receipts/{receipt_for(events[4])}").status_code == 404  # no checkpoint yet
    checkpoint_sign()
    bundle = _bundle(client, events[4])
    assert set(bundle) >= {"event", "leaf_hash", "index", "inclusion_proof", "checkpoint"}
    assert base64.b64decode(bundle["leaf_hash"]) == tlog.leaf_hash(bundle["event"].encode())
    assert json.loads(bundle["event"])["payload"] == {"n": 4}
    assert "entry #5 (tests.thing.done," in verify_bundle(bundle, _keys())
    # A rewritten entry: its bytes no longer hash to the leaf; rehashed, the leaf is not in the tree.
    edited = bundle["event"].replace('"n":4', '"n":5')
    with pytest.raises(Invalid, match="do not hash to"):
        verify_bundle(dict(bundle, event=edited), _keys())
    rehashed = dict(bundle, event=edited, leaf_hash=_b64(tlog.leaf_hash(edited.encode())))
    with pytest.raises(Invalid, match="NOT in the tree"):
        verify_bundle(rehashed, _keys())
    with pytest.raises(Invalid, match="no signature from a trusted key"):
        verify_bundle(bundle, [tlog.VerifierKey.of(signing.log_origin(), b"\x07" * 32)])
    forged = bundle["checkpoint"].replace("\n9\n", "\n8\n")
    with pytest.raises(Invalid, match="does not verify"):
        verify_bundle(dict(bundle, checkpoint=forged), _keys())


def test_a_later_checkpoint_proves_the_log_only_grew_and_catches_a_fork(client):
    events = record(4)
    checkpoint_sign()
    bundle = _bundle(client, events[1])
    record(6)
    later = checkpoint_sign()
    assert later is not None
    proof = client.get(f"{API}/proof/consistency", {"old_size": 4, "new_size": 10}).json()["hashes"]
    assert "only grew" in verify_bundle(bundle, _keys(), later=later.note, consistency=proof)
    # A split view: the same key signs a different tree of size 10 (another history).
    fork_root = tlog.root_of([tlog.leaf_hash(bytes([i])) for i in range(10)])
    fork = tlog.sign_note(
        tlog.Checkpoint(origin=signing.log_origin(), size=10, root=fork_root).text(),
        signing.log_origin(),
        signing.signing_key(),
    )
    with pytest.raises(Invalid, match="does NOT extend"):
        verify_bundle(bundle, _keys(), later=fork, consistency=proof)
    # A truncated log: the "later" checkpoint is smaller than the receipt's.
    newer_bundle = _bundle(client, events[1])
    with pytest.raises(Invalid, match="does NOT extend"):
        verify_bundle(newer_bundle, _keys(), later=bundle["checkpoint"], consistency=[])


def test_the_verifier_runs_without_django(client, tmp_path: Path):
    events = record(3)
    checkpoint_sign()
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(_bundle(client, events[2])))
    key = str(signing.own_verifier_key())
    code = (
        "import sys; from tyndau.audit import verify_receipt; rc = verify_receipt.main(sys.argv[1:]); "
        "assert 'django' not in sys.modules, 'the verifier imported Django'; sys.exit(rc)"
    )
    root = Path(django_settings.BASE_DIR)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)}
    ok = subprocess.run([sys.executable, "-c", code, str(path), "--key", key], capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and ok.stdout.startswith("VALID: entry #3"), ok.stdout + ok.stderr
    other = str(
        tlog.VerifierKey.of(signing.log_origin(), tlog.raw_public_key(Ed25519PrivateKey.generate().public_key()))
    )
    run = [sys.executable, "-m", "tyndau.audit.verify_receipt", str(path), "--key", other]
    bad = subprocess.run(run, capture_output=True, text=True, env=env, cwd=root)
    assert bad.returncode == 1 and bad.stdout.startswith("INVALID:"), bad.stdout + bad.stderr


def test_tiles_follow_the_c2sp_layout(client):
    assert tlog.tile_path(0, 1234067) == "tile/0/x001/x234/067"
    assert tlog.tile_path(1, 5, 7) == "tile/1/005.p/7"
    assert tlog.parse_tile_index("x001/x234/067") == (1234067, 256)
    assert tlog.parse_tile_index("005.p/7") == (5, 7)
    for bad in ("5", "x5/067", "005.p/0", "005.p/256", "x000/001", "005.p/07"):
        with pytest.raises(ValueError):
            tlog.parse_tile_index(bad)
    record(20)
    response = client.get(f"{API}/log/tile/0/000.p/20")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
    assert response.content == b"".join(tree.leaf_hashes(0, 20))
    assert client.get(f"{API}/log/tile/0/000.p/19").content == b"".join(tree.leaf_hashes(0, 19))
    for missing in ("0/000.p/21", "0/000", "1/000.p/1", "0/001.p/1", "9/000", "0/abc"):
        assert client.get(f"{API}/log/tile/{missing}").status_code == 404, missing


def test_a_full_tile_and_the_level_above():
    record(257)
    full = tree.tile(0, 0, 256, 257)
    assert full == b"".join(tree.leaf_hashes(0, 256))
    # Level 1 holds the hash of the full level-0 tile: the root of the first 256 leaves.
    assert tree.tile(1, 0, 1, 257) == tree.root(256)


def test_the_public_pages_offer_the_bundle_and_check_it_without_javascript(client):
    events = record(3)
    page = client.get("/en/audit/", {"receipt": receipt_for(events[1])}).content.decode()
    assert "in a signed checkpoint" in page and f"/api/v1/audit/receipts/{receipt_for(events[1])}" not in page
    checkpoint_sign()
    page = client.get("/en/audit/", {"receipt": receipt_for(events[1])}).content.decode()
    assert f"/api/v1/audit/receipts/{receipt_for(events[1])}" in page
    assert str(signing.own_verifier_key()) in page
    bundle = _bundle(client, events[1])
    ok = client.post("/en/audit/bundle/", {"bundle": json.dumps(bundle)})
    assert ok.status_code == 200 and "The receipt is valid" in ok.content.decode()
    assert "csrftoken" not in ok.cookies
    edited = dict(bundle, event=bundle["event"].replace('"n":1', '"n":2'))
    bad = client.post("/en/audit/bundle/", {"bundle": json.dumps(edited)})
    assert bad.status_code == 422 and "it was changed" in bad.content.decode()
    garbage = client.post("/en/audit/bundle/", {"bundle": "not json"})
    assert garbage.status_code == 422 and "not the content of a receipt file" in garbage.content.decode()
    assert "not json" in garbage.content.decode()  # the form keeps what was typed
    with translation.override("ru"):
        ru = client.post("/ru/audit/bundle/", {"bundle": json.dumps(edited)}).content.decode()
    assert "it was changed" not in ru
