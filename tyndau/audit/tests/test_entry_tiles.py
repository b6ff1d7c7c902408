"""C2SP tlog-tiles entry bundles: a client rebuilds the leaf hashes from them and checks them (issue #14)."""

from __future__ import annotations

import gzip

import pytest
from django.db import connection

from tyndau.audit import signing, tlog, tree
from tyndau.audit.services import checkpoint_sign
from tyndau.audit.tests.helpers import disable_append_only_triggers, record

pytestmark = pytest.mark.django_db

LOG = "/api/v1/audit/log"


def _get(client, path: str) -> bytes:
    response = client.get(f"{LOG}/{path}")
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"] == "application/octet-stream"
    return bytes(response.content)


def _leaf_hashes_from_entries(client, size: int) -> list[bytes]:
    """What an outside client does: fetch every entry bundle of the tree and hash each entry."""
    leaves: list[bytes] = []
    for index in range((size + 255) // 256):
        width = min(256, size - index * 256)
        entries = tlog.parse_entry_bundle(_get(client, tlog.entry_bundle_path(index, width)))
        assert len(entries) == width
        leaves += [tlog.leaf_hash(entry) for entry in entries]
    return leaves


def _leaf_hashes_from_tiles(client, size: int) -> list[bytes]:
    data = b"".join(
        _get(client, tlog.tile_path(0, index, min(256, size - index * 256))) for index in range((size + 255) // 256)
    )
    return [data[i : i + 32] for i in range(0, len(data), 32)]


def test_entry_bundles_rebuild_the_hash_tiles_and_the_signed_root(client):
    record(300)
    checkpoint_sign()
    note = client.get(f"{LOG}/checkpoint").content.decode()
    checkpoint = tlog.open_checkpoint(note, [signing.own_verifier_key()], origin=signing.log_origin())
    assert checkpoint.size == 300
    assert tlog.entry_bundle_path(1, 44) == "tile/entries/001.p/44"

    from_entries = _leaf_hashes_from_entries(client, checkpoint.size)
    assert from_entries == _leaf_hashes_from_tiles(client, checkpoint.size)
    assert tlog.root_of(from_entries) == checkpoint.root
    # The level-1 tile's first hash is the root of the full level-0 tile rebuilt from the first bundle.
    assert _get(client, "tile/1/000.p/1") == tlog.root_of(from_entries[:256])
    # A partial bundle is a prefix of the full one, like a partial hash tile.
    assert (
        tlog.parse_entry_bundle(_get(client, "tile/entries/000.p/10"))
        == tlog.parse_entry_bundle(_get(client, "tile/entries/000"))[:10]
    )


def test_entry_bundles_are_gzipped_on_request_and_refused_outside_the_tree(client):
    record(5)
    plain = _get(client, "tile/entries/000.p/5")
    zipped = client.get(f"{LOG}/tile/entries/000.p/5", headers={"Accept-Encoding": "gzip, identity"})
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(zipped.content) == plain
    assert plain[:2] == len(tlog.parse_entry_bundle(plain)[0]).to_bytes(2, "big")
    for missing in ("000.p/6", "000", "001.p/1", "abc", "000.p/0", "x000/000.p/1"):
        response = client.get(f"{LOG}/tile/entries/{missing}")
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json"), missing
    with pytest.raises(ValueError):
        tlog.parse_entry_bundle(b"\x00\x05abc")


def test_an_entry_rewritten_behind_the_triggers_no_longer_matches_its_hash_tile(client):
    record(4)
    disable_append_only_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET payload = %s WHERE seq = 2", ['{"n": 99}'])
    from_entries = _leaf_hashes_from_entries(client, 4)
    from_tiles = _leaf_hashes_from_tiles(client, 4)
    assert from_entries[0] == from_tiles[0] and from_entries[1] != from_tiles[1]
    assert tree.leaf_hashes(0, 4) == from_tiles
