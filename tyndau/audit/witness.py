"""A transparency-log witness (c2sp.org/tlog-witness) that anyone can run beside a Tyndau portal.

    python -m tyndau.audit.witness key --name witness.example/w1 > witness.key   # once: its own key
    python -m tyndau.audit.witness serve --name witness.example/w1 --key-file witness.key \\
        --log-key '<the log's published verifier key>' --state witness.json --port 8400

Needs only Python and `cryptography` (no Django, no database): its own Ed25519 key, the verifier keys of
the logs it follows, and its own storage of the last checkpoint it cosigned for each log (a JSON file,
updated atomically under a lock). `POST <prefix>/add-checkpoint` takes `old <size>`, the consistency
proof and the new signed checkpoint, and answers as the spec says: 404 for an unknown log, 403 when no
trusted signature verifies, 400 for an old size above the new one, 409 with `text/x.tlog.size` when the
old size is not the one it last cosigned (or the same size has another root), 422 when the proof does
not verify; otherwise it stores the checkpoint and answers its cosignature line (Ed25519
cosignature/v1 with a timestamp, c2sp.org/tlog-cosignature). A 409 over another root or a 422 is
evidence of a forked log: the witness keeps the offending request and raises an alarm (stderr and the
`alarm` callback), and never cosigns it.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tyndau.audit import tlog

MAX_BODY = 64 * 1024
SIZE_TYPE = "text/x.tlog.size"


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"


class MemoryState:
    """The last cosigned checkpoint note per origin, in memory (tests, or a witness that may forget)."""

    def __init__(self) -> None:
        self._notes: dict[str, str] = {}
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def locked(self) -> Iterator[dict[str, str]]:
        with self._lock:
            yield self._notes


class FileState:
    """The last cosigned checkpoint note per origin in a JSON file, read and replaced under an exclusive lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def locked(self) -> Iterator[dict[str, str]]:
        lock_path = self.path.with_name(self.path.name + ".lock")
        with self._lock, lock_path.open("a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            notes: dict[str, str] = json.loads(self.path.read_text("utf-8")) if self.path.exists() else {}
            before = dict(notes)
            yield notes
            if notes != before:  # persisted before the answer is sent (the spec's atomic check-and-update)
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_text(json.dumps(notes, indent=1), "utf-8")
                os.replace(tmp, self.path)


@dataclass
class Witness:
    name: str
    private_key: Ed25519PrivateKey
    logs: dict[str, list[tlog.VerifierKey]]  # origin -> the log's trusted verifier keys
    state: MemoryState | FileState = field(default_factory=MemoryState)
    alarm: Callable[[str], None] = lambda message: print(f"ALARM: {message}", file=sys.stderr, flush=True)
    clock: Callable[[], float] = time.time
    evidence: list[bytes] = field(default_factory=list)

    @property
    def key(self) -> tlog.CosignerKey:
        return tlog.CosignerKey.of(self.name, tlog.raw_public_key(self.private_key.public_key()))

    def add_checkpoint(self, body: bytes) -> Answer:
        """The add-checkpoint call of c2sp.org/tlog-witness, in the order of its checks."""
        try:
            old_size, proof, note = tlog.parse_add_checkpoint(body)
            text, _ = tlog.split_note(note)
            checkpoint = tlog.Checkpoint.parse(text)
        except tlog.NoteError as exc:
            return Answer(400, f"{exc}\n".encode())
        keys = self.logs.get(checkpoint.origin)
        if keys is None:
            return Answer(404, b"unknown log origin\n")
        try:
            tlog.open_note(note, keys)
        except tlog.NoteError:
            return Answer(403, b"no signature from a trusted key of this log\n")
        if old_size > checkpoint.size:
            return Answer(400, b"the old size is larger than the checkpoint's\n")
        with self.state.locked() as notes:
            latest = (
                tlog.Checkpoint.parse(tlog.split_note(notes[checkpoint.origin])[0])
                if checkpoint.origin in notes
                else None
            )
            latest_size = latest.size if latest else 0
            if old_size != latest_size:
                return Answer(409, f"{latest_size}\n".encode(), SIZE_TYPE)
            if latest is not None and old_size == checkpoint.size and latest.root != checkpoint.root:
                return self._refuse(409, f"two trees of size {checkpoint.size} signed for {checkpoint.origin}", body)
            if old_size == 0 and proof:
                return Answer(422, b"the proof from size 0 is empty\n")
            if latest is not None and not tlog.verify_consistency(
                latest.size, checkpoint.size, latest.root, checkpoint.root, proof
            ):
                message = f"the tree of size {checkpoint.size} does not extend the one of size {latest.size}"
                return self._refuse(422, f"{message} ({checkpoint.origin})", body)
            notes[checkpoint.origin] = note
        line = tlog.cosign(text, self.name, self.private_key, int(self.clock()))
        return Answer(200, line.encode())

    def _refuse(self, status: int, message: str, body: bytes) -> Answer:
        self.evidence.append(body)
        self.alarm(message)
        return Answer(status, f"{message}\n".encode())


def _handler(witness: Witness) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            if self.path.rstrip("/").rsplit("/", 1)[-1] != "add-checkpoint":
                self._send(Answer(404, b"not found\n"))
                return
            length_text = self.headers.get("Content-Length") or "0"
            length = int(length_text) if length_text.isdigit() else 0
            if not 0 < length <= MAX_BODY:
                self._send(Answer(400, b"the body is 1 byte to 64 KiB\n"))
                return
            self._send(witness.add_checkpoint(self.rfile.read(length)))

        def _send(self, answer: Answer) -> None:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

    return Handler


def _load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        raw = base64.b64decode(path.read_text("ascii").split()[0], validate=True)
    except (IndexError, ValueError, binascii.Error):
        raise SystemExit(f"{path}: base64 of a raw 32-byte Ed25519 private key on the first line") from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tyndau.audit.witness", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    key = commands.add_parser("key", help="make a witness key: prints the private key, then the cosigner key")
    key.add_argument("--name", required=True, help="the witness's name, e.g. witness.example/w1")
    serve = commands.add_parser("serve", help="answer add-checkpoint requests over HTTP")
    serve.add_argument("--name", required=True)
    serve.add_argument("--key-file", type=Path, required=True)
    serve.add_argument("--log-key", action="append", required=True, help="a followed log's verifier key")
    serve.add_argument("--state", type=Path, required=True, help="the JSON file of the last cosigned checkpoints")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8400)
    args = parser.parse_args(argv)
    if args.command == "key":
        private = Ed25519PrivateKey.generate()
        print(base64.b64encode(private.private_bytes_raw()).decode())
        print(tlog.CosignerKey.of(args.name, tlog.raw_public_key(private.public_key())))
        return 0
    logs: dict[str, list[tlog.VerifierKey]] = {}
    for text in args.log_key:
        verifier = tlog.VerifierKey.parse(text)
        logs.setdefault(verifier.name, []).append(verifier)
    witness = Witness(args.name, _load_private_key(args.key_file), logs, FileState(args.state))
    print(f"witness {witness.key} following {', '.join(logs)} on http://{args.host}:{args.port}/", flush=True)
    ThreadingHTTPServer((args.host, args.port), _handler(witness)).serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
