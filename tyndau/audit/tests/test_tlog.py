"""The transparency-log primitives against the RFC 9162 algorithm (written out independently here)
and against test vectors computed by other implementations (no database)."""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tyndau.audit import tlog

# ---- RFC 9162 §2.1, transcribed: MTH, PATH and PROOF/SUBPROOF over a list of leaf hashes. ---------


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


LEAVES = tuple(tlog.leaf_hash(f"leaf {i}".encode()) for i in range(300))


@cache
def mth(lo: int, hi: int) -> bytes:
    if hi - lo == 0:
        return hashlib.sha256(b"").digest()
    if hi - lo == 1:
        return LEAVES[lo]
    k = _k(hi - lo)
    return hashlib.sha256(b"\x01" + mth(lo, lo + k) + mth(lo + k, hi)).digest()


def path(m: int, lo: int, hi: int) -> list[bytes]:
    if hi - lo == 1:
        return []
    k = _k(hi - lo)
    if m < k:
        return [*path(m, lo, lo + k), mth(lo + k, hi)]
    return [*path(m - k, lo + k, hi), mth(lo, lo + k)]


def subproof(m: int, lo: int, hi: int, b: bool) -> list[bytes]:
    n = hi - lo
    if m == n:
        return [] if b else [mth(lo, hi)]
    k = _k(n)
    if m <= k:
        return [*subproof(m, lo, lo + k, b), mth(lo + k, hi)]
    return [*subproof(m - k, lo + k, hi, False), mth(lo, lo + k)]


def memory_store(size: int) -> dict[tlog.Node, bytes]:
    """What tyndau.audit.tree stores, built by the same append rule, in a dict."""
    store: dict[tlog.Node, bytes] = {}
    for index in range(size):
        siblings = [store[node] for node in tlog.append_siblings(index)]
        store.update(tlog.append_nodes(index, LEAVES[index], siblings))
    return store


STORE = memory_store(len(LEAVES))


def _read(nodes: list[tlog.Node]) -> dict[tlog.Node, bytes]:
    return {node: STORE[node] for node in nodes}


def test_roots_for_every_size_match_the_rfc():
    for size in range(0, 301):
        assert tlog.root_of(LEAVES[:size]) == mth(0, size)
        if size:
            assert tlog.resolve([(0, size)], _read)[0] == mth(0, size), size


def test_inclusion_proofs_for_every_size_and_every_leaf_match_the_rfc_and_verify():
    for size in range(1, 301):
        root = mth(0, size)
        for index in range(size):
            proof = tlog.resolve(tlog.inclusion_ranges(index, size), _read)
            assert proof == path(index, 0, size), (index, size)
            assert tlog.verify_inclusion(index, size, LEAVES[index], proof, root)
            # Another leaf, another index or a wrong root is refused.
            assert not tlog.verify_inclusion(index, size, LEAVES[(index + 1) % 300], proof, root)
            if size > 1:
                assert not tlog.verify_inclusion((index + 1) % size, size, LEAVES[index], proof, root)
            assert not tlog.verify_inclusion(index, size, LEAVES[index], proof, mth(0, size - 1))


def test_consistency_proofs_for_every_pair_of_sizes_match_the_rfc_and_verify():
    for new in range(1, 161):
        for old in range(0, new + 1):
            proof = tlog.resolve(tlog.consistency_ranges(old, new), _read)
            expected = [] if old == 0 else subproof(old, 0, new, True)
            assert proof == expected, (old, new)
            assert tlog.verify_consistency(old, new, mth(0, old), mth(0, new), proof)
            if 0 < old < new:
                assert not tlog.verify_consistency(old, new, mth(0, old - 1), mth(0, new), proof)
                assert not tlog.verify_consistency(old, new, mth(0, old), mth(0, new - 1), proof)


def test_a_proof_reads_o_log_n_stored_hashes():
    read: list[int] = []

    def counting(nodes: list[tlog.Node]) -> dict[tlog.Node, bytes]:
        read.append(len(nodes))
        return _read(nodes)

    for size in (255, 256, 257, 299, 300):
        for index in (0, size // 2, size - 1):
            read.clear()
            tlog.resolve(tlog.inclusion_ranges(index, size), counting)
            assert read == [read[0]] and read[0] <= 2 * size.bit_length()
    huge = 10_000_000
    nodes = {n for lo, hi in tlog.consistency_ranges(1234567, huge) for n in tlog.subtree_nodes(lo, hi)}
    assert len(nodes) <= 2 * huge.bit_length()


# ---- Vectors computed by other implementations ---------------------------------------------------

# transparency-dev/merkle testonly/constants.go (Apache-2.0): RFC 6962 leaves, every complete subtree
# hash by (level, index), and the root of every size 0..8.
REFERENCE_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
REFERENCE_NODES = [
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ],
    [
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    ],
    [
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
]
REFERENCE_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def test_stored_nodes_and_roots_match_the_reference_tree():
    leaves = [tlog.leaf_hash(bytes.fromhex(h)) for h in REFERENCE_LEAVES]
    store: dict[tlog.Node, bytes] = {}
    for size in range(0, 9):
        if size:
            index = size - 1
            store.update(tlog.append_nodes(index, leaves[index], [store[n] for n in tlog.append_siblings(index)]))
            root = tlog.resolve([(0, size)], lambda nodes: {n: store[n] for n in nodes})[0]
        else:
            root = tlog.EMPTY_ROOT
        assert root.hex() == REFERENCE_ROOTS[size]
    expected = {(level, i): bytes.fromhex(h) for level, row in enumerate(REFERENCE_NODES) for i, h in enumerate(row)}
    assert store == expected


def test_real_certificate_transparency_proofs_verify():
    data = json.loads((Path(__file__).parent / "data" / "argon2020.json").read_text())
    size = data["sth"]["tree_size"]
    root = base64.b64decode(data["sth"]["sha256_root_hash"])
    leaf = tlog.leaf_hash(base64.b64decode(data["leaf_input"]))
    proof = [base64.b64decode(p) for p in data["audit_path"]]
    assert tlog.verify_inclusion(data["leaf_index"], size, leaf, proof, root)
    assert not tlog.verify_inclusion(data["leaf_index"] + 1, size, leaf, proof, root)
    consistency = [base64.b64decode(p) for p in data["consistency"]]
    old_root = base64.b64decode(data["consistency_first_root"])
    assert tlog.verify_consistency(data["consistency_first"], size, old_root, root, consistency)
    assert not tlog.verify_consistency(data["consistency_first"] + 1, size, old_root, root, consistency)
    # The proof has the shape our prover gives for these sizes (ranges, not hashes: we lack the log).
    assert len(tlog.inclusion_ranges(data["leaf_index"], size)) == len(proof)
    assert len(tlog.consistency_ranges(data["consistency_first"], size)) == len(consistency)


# golang.org/x/mod sumdb/note note_test.go (BSD-style): a key, a note and its exact signed form.
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
PETER_SIG = (
    "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"


def test_signed_note_matches_go_sumdb_note():
    seed = base64.b64decode(PETER_SKEY.split("+", 4)[4])[1:]  # PRIVATE+KEY+<name>+<id>+<base64(0x01 ‖ seed)>
    key = Ed25519PrivateKey.from_private_bytes(seed)
    assert str(tlog.VerifierKey.of("PeterNeumann", tlog.raw_public_key(key.public_key()))) == PETER_VKEY
    assert tlog.sign_note(TEXT, "PeterNeumann", key) == TEXT + "\n" + PETER_SIG
    peter, enoch = tlog.VerifierKey.parse(PETER_VKEY), tlog.VerifierKey.parse(ENOCH_VKEY)
    text, verified = tlog.open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [peter])
    assert text == TEXT and verified == [peter]  # Enoch's signature: unknown key, ignored
    assert tlog.open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [peter, enoch])[1] == [peter, enoch]
    with pytest.raises(tlog.NoteError, match="no signature from a trusted key"):
        tlog.open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [])
    with pytest.raises(tlog.NoteError, match="does not verify"):
        tlog.open_note(TEXT + "\n" + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:], [peter])
    for bad in (TEXT, TEXT + "\n", "\x01" + TEXT + "\n" + PETER_SIG, TEXT + "\n" + PETER_SIG + "Unexpected line.\n"):
        with pytest.raises(tlog.NoteError):
            tlog.open_note(bad, [peter])


@pytest.mark.parametrize(
    "vkey",
    [
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",  # wrong length
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # unknown algorithm
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # id does not match
        "PeterNeumann+c74f20a3",
    ],
)
def test_bad_verifier_keys_are_refused(vkey):
    with pytest.raises(tlog.NoteError):
        tlog.VerifierKey.parse(vkey)


def test_checkpoint_text_round_trips():
    checkpoint = tlog.Checkpoint(origin="example.com/log", size=5, root=bytes(range(32)))
    assert checkpoint.text() == f"example.com/log\n5\n{base64.b64encode(bytes(range(32))).decode()}\n"
    assert tlog.Checkpoint.parse(checkpoint.text()) == checkpoint
    for bad in (
        "example.com/log\n05\nAA==\n",
        "example.com/log\n5\n",
        "\n5\n" + checkpoint.text().split("\n")[2] + "\n",
    ):
        with pytest.raises(tlog.NoteError):
            tlog.Checkpoint.parse(bad)
