"""Follow a Tyndau portal's audit log from outside: `python -m tyndau.audit.monitor URL --key KEY --state FILE`.

Needs only Python and `cryptography` (no Django). Each round fetches `<URL>/api/v1/audit/log/checkpoint`,
verifies its signature with the published verifier key KEY, and compares it with the last checkpoint it
accepted (kept in FILE): a smaller tree (truncation), the same size with another root or a tree that the
portal's consistency proof does not connect to the old one (a rewritten or forked history), or a bad
signature make it exit with status 1 and say why. Otherwise it stores the new checkpoint and, with
`--interval`, goes on. With `--witness KEY --quorum N` a checkpoint without valid cosignatures from N of
those witnesses (c2sp.org/tlog-cosignature) is an alarm too. Anyone can run it; several independent
monitors make a split view hard to hide.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tyndau.audit import tlog

Fetch = Callable[[str], bytes]


class Alarm(Exception):
    """The log broke a promise: it shrank, forked, or was not signed by the published key."""


def _http_get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the operator's own URL
        data: bytes = response.read(1 << 20)
        return data


def check_round(
    base_url: str,
    key: tlog.VerifierKey,
    state: Path,
    fetch: Fetch = _http_get,
    witnesses: list[tlog.CosignerKey] | None = None,
    quorum: int = 0,
) -> str:
    """One round; returns what happened, raises Alarm on a violation. The state file is the last good note."""
    api = base_url.rstrip("/") + "/api/v1/audit"
    note = fetch(f"{api}/log/checkpoint").decode("utf-8")
    try:
        new = tlog.open_checkpoint(note, [key], origin=key.name)
    except tlog.NoteError as exc:
        raise Alarm(f"the checkpoint does not verify with the published key: {exc}") from None
    try:
        tlog.require_quorum(note, witnesses or [], quorum)
    except tlog.NoteError as exc:
        raise Alarm(f"the checkpoint of size {new.size} is not witnessed: {exc}") from None
    if not state.exists():
        state.write_text(note, encoding="utf-8")
        return f"first checkpoint: size {new.size}"
    old = tlog.open_checkpoint(state.read_text(encoding="utf-8"), [key], origin=key.name)
    if new.size < old.size:
        raise Alarm(f"the log shrank from {old.size} to {new.size} entries")
    if new.size == old.size:
        if new.root != old.root:
            raise Alarm(f"two different trees of size {new.size} were signed (a fork)")
        return f"unchanged: size {new.size}"
    if old.size:
        body = json.loads(fetch(f"{api}/proof/consistency?old_size={old.size}&new_size={new.size}"))
        proof = [base64.b64decode(h, validate=True) for h in body.get("hashes", [])]
        if not tlog.verify_consistency(old.size, new.size, old.root, new.root, proof):
            raise Alarm(f"the tree of size {new.size} does not extend the one of size {old.size} (history rewritten)")
    state.write_text(note, encoding="utf-8")
    return f"grew from {old.size} to {new.size} entries, consistently"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tyndau.audit.monitor", description=__doc__.split("\n")[0])
    parser.add_argument("url", help="the portal's base URL, e.g. https://tyndau.example")
    parser.add_argument("--key", required=True, help="the log's published verifier key")
    parser.add_argument("--state", type=Path, required=True, help="a file keeping the last accepted checkpoint")
    parser.add_argument("--interval", type=int, default=0, help="seconds between rounds (0: one round)")
    parser.add_argument("--witness", action="append", default=[], help="a witness's cosigner key (repeatable)")
    parser.add_argument("--quorum", type=int, default=0, help="cosignatures required from the --witness keys")
    args = parser.parse_args(argv)
    key = tlog.VerifierKey.parse(args.key)
    witnesses = [tlog.CosignerKey.parse(text) for text in args.witness]
    while True:
        try:
            print(check_round(args.url, key, args.state, witnesses=witnesses, quorum=args.quorum), flush=True)
        except Alarm as exc:
            print(f"ALARM: {exc}", flush=True)
            return 1
        except (OSError, ValueError) as exc:
            print(f"could not check: {exc}", flush=True)
            if not args.interval:
                return 2
        if not args.interval:
            return 0
        time.sleep(args.interval)


if __name__ == "__main__":
    sys.exit(main())
