"""The transparency-log primitives, in standard formats, with no Django and no database.

- RFC 9162 §2.1 Merkle tree hashing: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right),
  inclusion proofs (§2.1.3) and consistency proofs (§2.1.4) with the RFC's verification algorithms.
- C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, verifier keys in the
  `<name>+<key id hex>+<base64(0x01 ‖ public key)>` form, and C2SP checkpoints (c2sp.org/tlog-checkpoint).
- Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519 `cosignature/v1` with a timestamp; cosigner
  keys `<name>+<key id hex>+<base64(0x04 ‖ public key)>`) and the request and response bodies of the
  witness protocol's add-checkpoint call (c2sp.org/tlog-witness).

Only `cryptography` is needed, so the offline receipt verifier (`python -m tyndau.audit.verify_receipt`)
runs from a copy of the repository without Django. Stored trees are read through *ranges*: the
proof functions return the `(lo, hi)` leaf ranges whose subtree hashes make the proof, and
`subtree_nodes` says which complete, aligned subtrees (level, index) make each range, so a store
answers a proof with one read of O(log n) stored hashes (tyndau.audit.tree).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Self

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
Range = tuple[int, int]  # leaves [lo, hi)
Node = tuple[int, int]  # (level, index): the complete subtree over leaves [index·2^level, (index+1)·2^level)


# RFC 9162 §2.1.1 -------------------------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n ≥ 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def root_of(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH over the given leaf hashes, exactly as RFC 9162 §2.1.1 defines it (recursive; for tests and small trees)."""
    n = len(leaf_hashes)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaf_hashes[0]
    k = _split(n)
    return node_hash(root_of(leaf_hashes[:k]), root_of(leaf_hashes[k:]))


# Proof shapes: which subtree ranges a proof is made of -------------------------------------------


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """RFC 9162 §2.1.3.1 PATH(m, D[n]) as leaf ranges, leaf-side first."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of size {size}")
    ranges: list[Range] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            ranges.append((lo + k, hi))
            hi = lo + k
        else:
            ranges.append((lo, lo + k))
            lo = lo + k
    return ranges[::-1]


def consistency_ranges(old_size: int, new_size: int) -> list[Range]:
    """RFC 9162 §2.1.4.1 PROOF(m, D[n]) as leaf ranges (empty when m = 0 or m = n)."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from size {old_size} to size {new_size}")
    if old_size in (0, new_size):
        return []
    ranges: list[Range] = []
    lo, hi, m, whole = 0, new_size, old_size, True
    while True:
        if m == hi - lo:
            if not whole:
                ranges.append((lo, hi))
            break
        k = _split(hi - lo)
        if m <= k:
            ranges.append((lo + k, hi))
            hi = lo + k
        else:
            ranges.append((lo, lo + k))
            m -= k
            lo, whole = lo + k, False
    return ranges[::-1]


def subtree_nodes(lo: int, hi: int) -> list[Node]:
    """The complete, aligned subtrees that make the range [lo, hi) of a proof, left to right.

    Every range a proof or a root needs starts at a multiple of a power of two at least as large
    as itself, so it splits into the binary expansion of its size: at most log2(n) stored hashes.
    """
    nodes: list[Node] = []
    while lo < hi:
        level = (hi - lo).bit_length() - 1
        nodes.append((level, lo >> level))
        lo += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of a range from its `subtree_nodes` hashes (the RFC's right-leaning split)."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def append_siblings(index: int) -> list[Node]:
    """The stored subtrees that leaf `index` completes a parent with: one per trailing 1-bit of index."""
    siblings = []
    level = 0
    while index & 1:
        siblings.append((level, index - 1))
        index >>= 1
        level += 1
    return siblings


def append_nodes(index: int, leaf: bytes, siblings: Sequence[bytes]) -> list[tuple[Node, bytes]]:
    """The nodes to store when leaf `index` is appended: the leaf and each subtree it completes."""
    nodes = [((0, index), leaf)]
    value, position = leaf, index
    for level, sibling in enumerate(siblings, start=1):
        value = node_hash(sibling, value)
        position >>= 1
        nodes.append(((level, position), value))
    return nodes


def resolve(ranges: Iterable[Range], read: Callable[[list[Node]], dict[Node, bytes]]) -> list[bytes]:
    """Hashes of the ranges, reading every stored subtree hash they need in one call of `read`."""
    ranges = list(ranges)
    wanted = [subtree_nodes(lo, hi) for lo, hi in ranges]
    stored = read(sorted({node for nodes in wanted for node in nodes}))
    return [fold([stored[node] for node in nodes]) for nodes in wanted]


# RFC 9162 §2.1.3.2 and §2.1.4.2: verification -----------------------------------------------------


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]) -> bool:
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof  # the empty tree is a prefix of every tree
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


# C2SP signed notes with Ed25519 ---------------------------------------------------------------------

ED25519 = b"\x01"
COSIGNER_ED25519 = b"\x04"  # c2sp.org/tlog-cosignature: an Ed25519 cosignature/v1 key
SIGNATURE_PREFIX = "\u2014 "  # em dash, space


class NoteError(ValueError):
    """A malformed note or key, or no trusted signature that verifies."""


def key_id(name: str, public_key: bytes, key_type: bytes = ED25519) -> bytes:
    """c2sp.org/signed-note: SHA-256(name ‖ 0x0A ‖ type ‖ 32-byte public key)[:4]; type 0x01, 0x04 for a cosigner."""
    return hashlib.sha256(name.encode() + b"\n" + key_type + public_key).digest()[:4]


def _check_name(name: str) -> None:
    if not name or "+" in name or any(c.isspace() for c in name):
        raise NoteError(f"key name {name!r} must be non-empty, without spaces or '+'")


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


def _parse_key(text: str, key_type: bytes, what: str) -> tuple[str, bytes, bytes]:
    """`<name>+<key id hex>+<base64(type ‖ 32-byte Ed25519 key)>` → (name, key id, public key); NoteError if not."""
    parts = text.strip().split("+", 2)  # base64 may hold "+", the name may not
    if len(parts) != 3:
        raise NoteError(f"a {what} is <name>+<key id hex>+<base64 key>")
    name, id_hex, key_b64 = parts
    _check_name(name)
    try:
        kid = bytes.fromhex(id_hex)
        blob = base64.b64decode(key_b64, validate=True)
    except (ValueError, binascii.Error):
        raise NoteError(f"the {what}'s id or key is not hex / base64") from None
    if len(kid) != 4 or len(blob) != 33 or blob[:1] != key_type:
        raise NoteError(f"only Ed25519 {what}s (type 0x{key_type.hex()}, 32 bytes) are supported")
    if key_id(name, blob[1:], key_type) != kid:
        raise NoteError(f"the {what}'s id does not match its name and key")
    return name, kid, blob[1:]


@dataclass(frozen=True)
class _NoteKey:
    """A public key in the signed-note form `<name>+<key id hex>+<base64(type ‖ 32-byte Ed25519 key)>`."""

    KEY_TYPE: ClassVar[bytes]
    WHAT: ClassVar[str]
    name: str
    id: bytes
    public_key: bytes  # raw 32 bytes

    @classmethod
    def parse(cls, text: str) -> Self:
        name, kid, public_key = _parse_key(text, cls.KEY_TYPE, cls.WHAT)
        return cls(name=name, id=kid, public_key=public_key)

    @classmethod
    def of(cls, name: str, public_key: bytes) -> Self:
        _check_name(name)
        return cls(name=name, id=key_id(name, public_key, cls.KEY_TYPE), public_key=public_key)

    def __str__(self) -> str:
        return f"{self.name}+{self.id.hex()}+{base64.b64encode(self.KEY_TYPE + self.public_key).decode()}"


@dataclass(frozen=True)
class VerifierKey(_NoteKey):
    """A published verifier key: `<name>+<key id hex>+<base64(0x01 ‖ public key)>`."""

    KEY_TYPE: ClassVar[bytes] = ED25519
    WHAT: ClassVar[str] = "verifier key"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


def signature_line(name: str, private_key: Ed25519PrivateKey, text: str) -> str:
    """One `— <name> <base64(key id ‖ signature)>` line over the note text."""
    _check_name(name)
    kid = key_id(name, raw_public_key(private_key.public_key()))
    signature = private_key.sign(text.encode())
    return f"{SIGNATURE_PREFIX}{name} {base64.b64encode(kid + signature).decode()}\n"


def sign_note(text: str, name: str, private_key: Ed25519PrivateKey) -> str:
    if not text.endswith("\n"):
        raise NoteError("a note's text ends with a newline")
    return text + "\n" + signature_line(name, private_key, text)


@dataclass(frozen=True)
class Signature:
    name: str
    id: bytes
    signature: bytes

    def line(self) -> str:
        return f"{SIGNATURE_PREFIX}{self.name} {base64.b64encode(self.id + self.signature).decode()}\n"


def split_note(note: str) -> tuple[str, list[Signature]]:
    """The note's text (with its final newline) and its signature lines; NoteError if malformed."""
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise NoteError("a note carries no control characters other than newline")
    cut = note.rfind("\n\n")
    if cut < 0 or not note.endswith("\n"):
        raise NoteError("a signed note is text, a blank line and signature lines")
    text, block = note[: cut + 1], note[cut + 2 :]
    signatures = []
    for line in block.splitlines():
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError("a signature line starts with an em dash and a space")
        name, _, sig_b64 = line[len(SIGNATURE_PREFIX) :].partition(" ")
        try:
            blob = base64.b64decode(sig_b64, validate=True)
        except (ValueError, binascii.Error):
            raise NoteError("a signature is not base64") from None
        if not name or len(blob) < 5:
            raise NoteError("a signature line has a key name and a key id with a signature")
        signatures.append(Signature(name=name, id=blob[:4], signature=blob[4:]))
    if not signatures:
        raise NoteError("the note has no signature")
    return text, signatures


def open_note(note: str, keys: Iterable[VerifierKey]) -> tuple[str, list[VerifierKey]]:
    """Verify a note against trusted keys; return its text and the keys whose signatures verified.

    As the spec says: signatures from unknown keys are ignored, a known key's signature that fails
    makes the note rejected, and at least one known key must have signed.
    """
    text, signatures = split_note(note)
    known = {(key.name, key.id): key for key in keys}
    verified = []
    for sig in signatures:
        key = known.get((sig.name, sig.id))
        if key is None:
            continue
        if not key.verify(text.encode(), sig.signature):
            raise NoteError(f"the signature of {key.name} does not verify")
        verified.append(key)
    if not verified:
        raise NoteError("no signature from a trusted key")
    return text, verified


# C2SP checkpoints --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        lines = [self.origin, str(self.size), base64.b64encode(self.root).decode(), *self.extensions]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise NoteError("a checkpoint is an origin, a size and a root hash, one per line")
        origin, size_text, root_b64, *rest = lines[:-1]
        if not origin or not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
            raise NoteError("a checkpoint's origin is not empty and its size is a decimal number")
        try:
            root = base64.b64decode(root_b64, validate=True)
        except (ValueError, binascii.Error):
            raise NoteError("a checkpoint's root hash is base64") from None
        if len(root) != HASH_SIZE or any(not line for line in rest):
            raise NoteError("a checkpoint's root hash is 32 bytes and it has no empty extension line")
        return cls(origin=origin, size=int(size_text), root=root, extensions=tuple(rest))


def open_checkpoint(note: str, keys: Iterable[VerifierKey], *, origin: str) -> Checkpoint:
    text, _ = open_note(note, keys)
    checkpoint = Checkpoint.parse(text)
    if checkpoint.origin != origin:
        raise NoteError(f"the checkpoint is for log {checkpoint.origin!r}, not {origin!r}")
    return checkpoint


# C2SP tlog-tiles paths ---------------------------------------------------------------------------


def tile_path(level: int, index: int, width: int = 256) -> str:
    """`tile/<L>/<N>[.p/<W>]` with N in zero-padded 3-digit elements, all but the last prefixed 'x'."""
    parts = []
    while True:
        parts.append(f"{index % 1000:03d}")
        index //= 1000
        if index == 0:
            break
    encoded = "/".join([f"x{p}" for p in reversed(parts[1:])] + [parts[0]])
    return f"tile/{level}/{encoded}" + (f".p/{width}" if width < 256 else "")


def parse_tile_index(text: str) -> tuple[int, int]:
    """`x001/x234/067[.p/8]` → (1234067, 8); width 256 for a full tile. ValueError when malformed."""
    width = 256
    if ".p/" in text:
        text, _, width_text = text.partition(".p/")
        if not width_text.isdigit() or width_text.startswith("0") or not 1 <= int(width_text) <= 255:
            raise ValueError("a partial tile's width is 1 to 255")
        width = int(width_text)
    elements = text.split("/")
    if len(elements) > 7 or any(len(e) != 4 or e[0] != "x" or not e[1:].isdigit() for e in elements[:-1]):
        raise ValueError("tile index elements are x000 … x999 then 000 … 999")
    if len(elements[-1]) != 3 or not elements[-1].isdigit():
        raise ValueError("the last tile index element is three digits")
    index = 0
    for element in elements:
        index = index * 1000 + int(element.lstrip("x"))
    if len(elements) > 1 and elements[0] == "x000":
        raise ValueError("a tile index has no leading zero elements")
    return index, width


def entry_bundle_path(index: int, width: int = 256) -> str:
    """`tile/entries/<N>[.p/<W>]`: the entry bundle beside the level-0 hash tile of the same N and W."""
    return "tile/entries/" + tile_path(0, index, width).removeprefix("tile/0/")


def parse_entry_bundle(data: bytes) -> list[bytes]:
    """The entries of a c2sp.org/tlog-tiles entry bundle: big-endian uint16 length-prefixed; ValueError if malformed."""
    entries, offset = [], 0
    while offset < len(data):
        if offset + 2 > len(data):
            raise ValueError("an entry bundle ends inside a length prefix")
        length = int.from_bytes(data[offset : offset + 2], "big")
        offset += 2
        if offset + length > len(data):
            raise ValueError("an entry bundle ends inside an entry")
        entries.append(data[offset : offset + length])
        offset += length
    return entries


# C2SP tlog-cosignature: Ed25519 cosignature/v1 -----------------------------------------------------

MAX_TIMESTAMP = 2**63 - 1


def cosignature_message(text: str, timestamp: int) -> bytes:
    """What a cosigner signs: `cosignature/v1`, `time <POSIX seconds>`, then the checkpoint's note text."""
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


@dataclass(frozen=True)
class CosignerKey(_NoteKey):
    """A witness's (cosigner's) public key: `<name>+<key id hex>+<base64(0x04 ‖ Ed25519 public key)>`."""

    KEY_TYPE: ClassVar[bytes] = COSIGNER_ED25519
    WHAT: ClassVar[str] = "cosigner key"

    def timestamp_of(self, text: str, signature: Signature) -> int | None:
        """The cosignature's timestamp if it is this key's valid cosignature of the note text, else None."""
        blob = signature.signature
        if (signature.name, signature.id) != (self.name, self.id) or len(blob) != 8 + 64:
            return None
        timestamp = int.from_bytes(blob[:8], "big")
        if timestamp > MAX_TIMESTAMP:
            return None
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(blob[8:], cosignature_message(text, timestamp))
        except (InvalidSignature, ValueError):
            return None
        return timestamp


def cosign(text: str, name: str, private_key: Ed25519PrivateKey, timestamp: int) -> str:
    """A cosignature line `— <name> base64(key id ‖ u64 timestamp ‖ signature)` over the checkpoint's text."""
    _check_name(name)
    if not 0 <= timestamp <= MAX_TIMESTAMP:
        raise NoteError("a cosignature's timestamp is 0 … 2^63−1")
    kid = key_id(name, raw_public_key(private_key.public_key()), COSIGNER_ED25519)
    signature = private_key.sign(cosignature_message(text, timestamp))
    return f"{SIGNATURE_PREFIX}{name} {base64.b64encode(kid + timestamp.to_bytes(8, 'big') + signature).decode()}\n"


def verify_cosignatures(note: str, witnesses: Iterable[CosignerKey]) -> dict[str, int]:
    """The witnesses (by name) whose cosignatures on the note verify, with their timestamps.

    Lines of unknown keys are ignored (they may be the log's own signature or other witnesses'); a
    line with a known witness's name and key id that does not verify makes the whole note rejected.
    """
    text, signatures = split_note(note)
    known = {(key.name, key.id): key for key in witnesses}
    verified: dict[str, int] = {}
    for sig in signatures:
        key = known.get((sig.name, sig.id))
        if key is None:
            continue
        timestamp = key.timestamp_of(text, sig)
        if timestamp is None:
            raise NoteError(f"the cosignature of {key.name} does not verify")
        verified[key.name] = timestamp
    return verified


def require_quorum(note: str, witnesses: Sequence[CosignerKey], quorum: int) -> dict[str, int]:
    """verify_cosignatures, and NoteError unless at least `quorum` distinct witnesses cosigned."""
    verified = verify_cosignatures(note, witnesses)
    if len(verified) < quorum:
        raise NoteError(f"cosigned by {len(verified)} of the required {quorum} witness(es)")
    return verified


# C2SP tlog-witness: the add-checkpoint request body ------------------------------------------------

MAX_PROOF_LINES = 63


def add_checkpoint_body(old_size: int, proof: Sequence[bytes], note: str) -> bytes:
    """`old <size>`, one base64 consistency-proof hash per line, an empty line, then the signed checkpoint."""
    if old_size < 0 or len(proof) > MAX_PROOF_LINES:
        raise NoteError("an add-checkpoint request has an old size ≥ 0 and at most 63 proof lines")
    lines = [f"old {old_size}", *(base64.b64encode(h).decode() for h in proof)]
    return ("\n".join(lines) + "\n\n" + note).encode()


def parse_add_checkpoint(body: bytes) -> tuple[int, list[bytes], str]:
    """(old size, consistency proof, signed checkpoint note) of an add-checkpoint request; NoteError if malformed."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise NoteError("the request is not UTF-8") from None
    head, sep, note = text.partition("\n\n")
    if not sep:
        raise NoteError("the request is an old size line, proof lines, an empty line and a checkpoint")
    old_line, *proof_lines = head.split("\n")
    size_text = old_line.removeprefix("old ")
    if (
        old_line == size_text
        or not size_text.isdigit()
        or (size_text != "0" and size_text.startswith("0"))
        or len(proof_lines) > MAX_PROOF_LINES
    ):
        raise NoteError("the old size line is `old <decimal size>`, followed by at most 63 proof lines")
    try:
        proof = [base64.b64decode(line, validate=True) for line in proof_lines]
    except (ValueError, binascii.Error):
        raise NoteError("a consistency proof line is not base64") from None
    if any(len(h) != HASH_SIZE for h in proof):
        raise NoteError("a consistency proof hash is not 32 bytes")
    return int(size_text), proof, note
