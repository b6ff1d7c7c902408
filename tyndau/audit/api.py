"""The verifiable log over HTTP: checkpoints, proofs, receipt bundles and C2SP tiles (docs/audit-log.md).

Mounted at /api/v1/audit/ by config/api.py. Public and read-only (auth=None): the log is public by
design and nothing here carries personal data — proofs are hashes; a receipt bundle carries the
entry's canonical content, which by rule holds no personal data (the actor only as an account number
and a role), and is found only by its receipt code. The tiles and the latest
checkpoint under /api/v1/audit/log/ follow c2sp.org/tlog-tiles, so tools nobody here wrote can use them.
"""

from __future__ import annotations

import base64
import gzip
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from tyndau.audit import selectors, tlog, tree

router = Router(tags=["audit"])

MAX_INDEX = 2**62


class InclusionQuery(Schema):
    index: int = Field(ge=0, le=MAX_INDEX, description="leaf index (the entry's seq − 1)")
    size: int = Field(ge=1, le=MAX_INDEX, description="tree size of a checkpoint")


class ConsistencyQuery(Schema):
    old_size: int = Field(ge=0, le=MAX_INDEX)
    new_size: int = Field(ge=1, le=MAX_INDEX)


class InclusionProofOut(Schema):
    index: int
    size: int
    root_hash: str = Field(description="base64 root of the tree of this size")
    hashes: list[str] = Field(description="base64 hashes, leaf side first (RFC 9162 §2.1.3)")


class ConsistencyProofOut(Schema):
    old_size: int
    new_size: int
    hashes: list[str] = Field(description="base64 hashes (RFC 9162 §2.1.4)")


class ReceiptBundle(Schema):
    format: str
    origin: str
    verifier_keys: list[str] = Field(description="informational: verify with the key you got from the portal")
    seq: int
    index: int
    action: str
    occurred_at: str
    event: str = Field(description="the entry's canonical bytes (UTF-8 JSON); SHA-256(0x00 ‖ event) = leaf_hash")
    leaf_hash: str
    inclusion_proof: list[str]
    checkpoint: str = Field(
        description="the signed C2SP checkpoint (signed note) the proof is against, with the witnesses' cosignatures"
    )
    witness_keys: list[str] = Field(description="informational: the witnesses' cosigner keys configured by the portal")
    witness_quorum: int = Field(description="informational: how many witness cosignatures the portal requires")


class Message(Schema):
    detail: str


def _raw(content_type: str, schema: dict[str, str]) -> dict[str, object]:
    """OpenAPI for an operation that answers a text or binary body, or a JSON 404."""
    not_found = {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}}
    return {
        "responses": {
            200: {"description": "OK", "content": {content_type: {"schema": schema}}},
            404: {"description": "Not found", "content": not_found},
        }
    }


TEXT = _raw("text/plain; charset=utf-8", {"type": "string"})
BINARY = _raw("application/octet-stream", {"type": "string", "format": "binary"})


def _b64(values: list[bytes]) -> list[str]:
    return [base64.b64encode(value).decode() for value in values]


def _tree_error(exc: tree.TreeError) -> HttpError:
    return HttpError(404, str(exc))


def _text(body: str, *, cache: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = cache
    return response


@router.get(
    "/log/checkpoint",
    auth=None,
    openapi_extra=TEXT,
    summary="The latest signed checkpoint (C2SP tlog-checkpoint, text)",
)
def latest_checkpoint(request: HttpRequest) -> HttpResponse:
    checkpoint = selectors.latest_checkpoint()
    if checkpoint is None:
        raise HttpError(404, "No checkpoint has been signed yet.")
    return _text(selectors.cosigned_note(checkpoint), cache="public, max-age=5")


@router.get(
    "/checkpoints/{size}", auth=None, openapi_extra=TEXT, summary="The signed checkpoint of one tree size (text)"
)
def checkpoint_of_size(request: HttpRequest, size: Annotated[int, Path(ge=1, le=MAX_INDEX)]) -> HttpResponse:
    checkpoint = selectors.checkpoint_of_size(size) if 0 < size <= MAX_INDEX else None
    if checkpoint is None:
        raise HttpError(404, "No checkpoint of this size.")
    # The log's signature never changes, but witnesses' cosignatures are appended as they arrive.
    return _text(selectors.cosigned_note(checkpoint), cache="public, max-age=60")


@router.get(
    "/proof/inclusion",
    response={200: InclusionProofOut, 404: Message},
    auth=None,
    summary="Inclusion proof of an entry",
)
def inclusion_proof(request: HttpRequest, query: Query[InclusionQuery]) -> dict[str, object]:
    try:
        hashes = tree.inclusion_proof(query.index, query.size)
        root_hash = tree.root(query.size)
    except tree.TreeError as exc:
        raise _tree_error(exc) from None
    return {"index": query.index, "size": query.size, "root_hash": _b64([root_hash])[0], "hashes": _b64(hashes)}


@router.get(
    "/proof/consistency",
    response={200: ConsistencyProofOut, 404: Message},
    auth=None,
    summary="Consistency proof between two sizes",
)
def consistency_proof(request: HttpRequest, query: Query[ConsistencyQuery]) -> dict[str, object]:
    try:
        hashes = tree.consistency_proof(query.old_size, query.new_size)
    except tree.TreeError as exc:
        raise _tree_error(exc) from None
    return {"old_size": query.old_size, "new_size": query.new_size, "hashes": _b64(hashes)}


@router.get(
    "/receipts/{code}",
    response={200: ReceiptBundle, 404: Message},
    auth=None,
    summary="A receipt bundle that verifies offline",
)
def receipt_bundle(request: HttpRequest, code: Annotated[str, Path(max_length=100)]) -> HttpResponse:
    bundle = selectors.receipt_bundle(code=code[:64])
    if bundle is None:
        raise HttpError(404, "No entry with this receipt code in a signed checkpoint yet.")
    response = HttpResponse(bundle.json(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="tyndau-receipt-{bundle.seq}.json"'
    return response


@router.get(
    "/log/tile/entries/{path:rest}",
    auth=None,
    openapi_extra=BINARY,
    summary="An entry bundle: the entries of a level-0 tile (C2SP tlog-tiles, binary)",
)
def entry_bundle(request: HttpRequest, rest: Annotated[str, Path(max_length=200)]) -> HttpResponse:
    """Registered before the hash tiles, whose `{level}` would otherwise take the word `entries`."""
    try:
        index, width = tlog.parse_tile_index(rest[:64])
        data = selectors.entry_bundle(index, width, tree.tree_size())
    except (ValueError, tree.TreeError) as exc:  # TreeError is a ValueError: both mean "no such bundle"
        raise HttpError(404, str(exc)) from None
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(gzip.compress(data, mtime=0) if gzipped else data, content_type="application/octet-stream")
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@router.get(
    "/log/tile/{level}/{path:rest}",
    auth=None,
    openapi_extra=BINARY,
    summary="A Merkle tree tile (C2SP tlog-tiles, binary)",
)
def tile(
    request: HttpRequest, level: Annotated[int, Path(ge=0, le=63)], rest: Annotated[str, Path(max_length=200)]
) -> HttpResponse:
    try:
        index, width = tlog.parse_tile_index(rest[:64])
    except ValueError as exc:
        raise HttpError(404, str(exc)) from None
    if not 0 <= level <= 7:
        raise HttpError(404, "No tile at this level.")
    try:
        data = tree.tile(level, index, width, tree.tree_size())
    except tree.TreeError as exc:
        raise _tree_error(exc) from None
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
