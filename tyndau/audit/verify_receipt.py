"""Verify a Tyndau audit receipt bundle offline: `python -m tyndau.audit.verify_receipt bundle.json --key KEY`.

Needs only Python and `cryptography` (no Django, no network, no database). KEY is the log's published
verifier key, `<name>+<key id>+<base64 key>` (docs/audit-log.md; never take it from the bundle itself).
Checks that the bundle's checkpoint is a C2SP signed note by that key for the log named by the key,
and that the entry's leaf hash is in that tree by the RFC 9162 inclusion proof, and that the entry's
canonical bytes in the bundle (or in `--event FILE`) hash to that leaf. With `--later
CHECKPOINT --consistency PROOF` it checks that a later checkpoint (signed by the same key) extends
the bundle's: the log only grew. With `--witness KEY` (repeatable) and `--quorum N` it also requires
valid cosignatures (c2sp.org/tlog-cosignature) from at least N of those witnesses on the checkpoint(s),
so that a log showing you a history nobody else sees is refused. Prints VALID or INVALID with the
reason; exit status 0 or 1.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import sys
from pathlib import Path
from typing import Any

from tyndau.audit import tlog

FORMAT = "tyndau-audit-receipt/v1"


class Invalid(Exception):
    """Why a bundle does not verify; `kind` is one of format, signature, entry, inclusion, consistency, witness."""

    def __init__(self, reason: str, kind: str = "format") -> None:
        super().__init__(reason)
        self.kind = kind


def _hashes(values: Any, what: str) -> list[bytes]:
    if not isinstance(values, list):
        raise Invalid(f"{what} is not a list of base64 hashes")
    try:
        hashes = [base64.b64decode(v, validate=True) for v in values]
    except (binascii.Error, ValueError, TypeError):
        raise Invalid(f"{what} is not a list of base64 hashes") from None
    if any(len(h) != tlog.HASH_SIZE for h in hashes):
        raise Invalid(f"{what} holds a hash that is not 32 bytes")
    return hashes


def _event_summary(event: bytes, index: int) -> tuple[str, str]:
    """(action, time) read from the entry's own bytes, which must be the entry at this index."""
    try:
        content = json.loads(event.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Invalid("the entry's bytes are not JSON") from None
    if not isinstance(content, dict) or content.get("seq") != index + 1:
        raise Invalid("the entry's bytes are not the entry at this index", "entry")
    return str(content.get("action")), str(content.get("occurred_at"))


def _witnessed(note: str, witnesses: list[tlog.CosignerKey], quorum: int, what: str) -> dict[str, int]:
    try:
        return tlog.require_quorum(note, witnesses, quorum)
    except tlog.NoteError as exc:
        raise Invalid(f"{what}: {exc}", "witness") from None


def verify_bundle(
    bundle: dict[str, Any],
    keys: list[tlog.VerifierKey],
    *,
    event: bytes | None = None,
    later: str | None = None,
    consistency: list[str] | None = None,
    witnesses: list[tlog.CosignerKey] | None = None,
    quorum: int = 0,
) -> str:
    """The success message, or Invalid with the reason."""
    witnesses = witnesses or []
    if quorum > len(witnesses):
        raise Invalid(f"a quorum of {quorum} needs at least {quorum} witness keys")
    if bundle.get("format") != FORMAT:
        raise Invalid(f"not a {FORMAT} bundle")
    origin = keys[0].name
    try:
        checkpoint = tlog.open_checkpoint(str(bundle.get("checkpoint", "")), keys, origin=origin)
    except tlog.NoteError as exc:
        raise Invalid(f"the checkpoint: {exc}", "signature") from None
    witnessed = _witnessed(str(bundle.get("checkpoint", "")), witnesses, quorum, "the checkpoint")
    index = bundle.get("index")
    if not isinstance(index, int) or isinstance(index, bool) or bundle.get("seq") != index + 1:
        raise Invalid("the bundle's index and seq do not agree")
    (leaf,) = _hashes([bundle.get("leaf_hash")], "leaf_hash")
    if event is None and isinstance(bundle.get("event"), str):
        event = bundle["event"].encode("utf-8")
    if event is not None and tlog.leaf_hash(event) != leaf:
        raise Invalid("the entry's bytes do not hash to the bundle's leaf hash", "entry")
    shown = _event_summary(event, index) if event is not None else (bundle.get("action"), bundle.get("occurred_at"))
    proof = _hashes(bundle.get("inclusion_proof"), "inclusion_proof")
    if not tlog.verify_inclusion(index, checkpoint.size, leaf, proof, checkpoint.root):
        raise Invalid(
            f"entry {index + 1} is NOT in the tree of size {checkpoint.size} that the checkpoint signs", "inclusion"
        )
    message = (
        f"entry #{index + 1} ({shown[0]}, {shown[1]}) is in the log {origin} "
        f"of {checkpoint.size} entries, checkpoint signed by {origin}+{keys[0].id.hex()}"
    )
    if witnesses:
        message += f", cosigned by {len(witnessed)} witness(es) ({', '.join(sorted(witnessed))}; {quorum} required)"
    if later is not None:
        try:
            newer = tlog.open_checkpoint(later, keys, origin=origin)
        except tlog.NoteError as exc:
            raise Invalid(f"the later checkpoint: {exc}", "signature") from None
        _witnessed(later, witnesses, quorum, "the later checkpoint")
        steps = _hashes(consistency or [], "the consistency proof")
        if not tlog.verify_consistency(checkpoint.size, newer.size, checkpoint.root, newer.root, steps):
            raise Invalid(
                f"the log of size {newer.size} does NOT extend the one of size {checkpoint.size}", "consistency"
            )
        message += f"; the later checkpoint of {newer.size} entries extends it (the log only grew)"
    return message


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tyndau.audit.verify_receipt", description=__doc__.split("\n")[0])
    parser.add_argument("bundle", type=Path, help="the receipt bundle (JSON) downloaded from the portal")
    parser.add_argument("--key", action="append", required=True, help="a published verifier key (repeatable)")
    parser.add_argument("--event", type=Path, help="a file with the entry's canonical bytes")
    parser.add_argument("--later", type=Path, help="a later signed checkpoint (text)")
    parser.add_argument("--consistency", type=Path, help="the consistency proof JSON from the portal's API")
    parser.add_argument("--witness", action="append", default=[], help="a witness's cosigner key (repeatable)")
    parser.add_argument("--quorum", type=int, help="how many of the --witness keys must have cosigned (default 1)")
    args = parser.parse_args(argv)
    try:
        keys = [tlog.VerifierKey.parse(k) for k in args.key]
        if len({key.name for key in keys}) != 1:
            raise Invalid("all keys must be the same log's (one key name)")
        bundle = json.loads(args.bundle.read_text(encoding="utf-8"))
        if not isinstance(bundle, dict):
            raise Invalid("the bundle is not a JSON object")
        consistency = None
        if args.consistency is not None:
            consistency = json.loads(args.consistency.read_text(encoding="utf-8")).get("hashes")
        witnesses = [tlog.CosignerKey.parse(k) for k in args.witness]
        quorum = args.quorum if args.quorum is not None else min(1, len(witnesses))
        if (args.later is None) != (args.consistency is None):
            raise Invalid("--later and --consistency go together")
        message = verify_bundle(
            bundle,
            keys,
            event=args.event.read_bytes() if args.event else None,
            later=args.later.read_text(encoding="utf-8") if args.later else None,
            consistency=consistency,
            witnesses=witnesses,
            quorum=quorum,
        )
    except (Invalid, tlog.NoteError, OSError, ValueError, AttributeError) as exc:
        print(f"INVALID: {exc}")
        return 1
    print(f"VALID: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
