"""The stored Merkle tree: appending a leaf and reading roots, proofs and tiles in O(log n) hashes.

The hashing and the proof shapes are `tyndau.audit.tlog` (RFC 9162, no database); this module only
reads and writes `TreeNode` rows. `tree_append` runs inside `record_event`'s transaction, under the
same chain lock, so the tree always has exactly as many leaves as there are events.
"""

from __future__ import annotations

from django.db import connection

from tyndau.audit import tlog
from tyndau.audit.models import Event, TreeNode

TILE_HEIGHT = 8  # c2sp.org/tlog-tiles: tiles are 2^8 = 256 hashes wide, every 8 levels
TILE_WIDTH = 1 << TILE_HEIGHT


class TreeError(ValueError):
    """A size or index outside the tree, or stored hashes missing."""


def read_nodes(nodes: list[tlog.Node]) -> dict[tlog.Node, bytes]:
    """The stored hashes of the given (level, position) nodes, in one query of primary-key lookups.

    Written as SQL: the ORM spends ~30 ms compiling an OR of ~20 Q objects, the query itself ~0.1 ms.
    """
    if not nodes:
        return {}
    table = connection.ops.quote_name(TreeNode._meta.db_table)
    where = " OR ".join(["(level = %s AND position = %s)"] * len(nodes))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT level, position, hash FROM {table} WHERE {where}", [v for node in nodes for v in node])  # noqa: S608 - placeholders only
        found = {(level, position): bytes(value) for level, position, value in cursor.fetchall()}
    if len(found) != len(set(nodes)):
        raise TreeError("the stored tree is missing hashes")
    return found


def tree_append(index: int, leaf: bytes) -> None:
    """Store leaf `index` and every subtree it completes: one read of ≤ log2(n) siblings, one insert."""
    siblings = tlog.append_siblings(index)
    stored = read_nodes(siblings)
    TreeNode.objects.bulk_create(
        [
            TreeNode(level=level, position=position, hash=value)
            for (level, position), value in tlog.append_nodes(index, leaf, [stored[node] for node in siblings])
        ]
    )


def tree_size() -> int:
    """The number of leaves: the last event's seq (seq has no gaps; audit_verify checks it)."""
    return Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def _check_size(size: int) -> None:
    if not 0 <= size <= tree_size():
        raise TreeError(f"the tree has no size {size}")


def root(size: int) -> bytes:
    _check_size(size)
    if size == 0:
        return tlog.EMPTY_ROOT
    return tlog.resolve([(0, size)], read_nodes)[0]


def inclusion_proof(index: int, size: int) -> list[bytes]:
    _check_size(size)
    if not 0 <= index < size:
        raise TreeError(f"leaf {index} is not in a tree of size {size}")
    return tlog.resolve(tlog.inclusion_ranges(index, size), read_nodes)


def consistency_proof(old_size: int, new_size: int) -> list[bytes]:
    _check_size(new_size)
    if not 0 <= old_size <= new_size:
        raise TreeError(f"no consistency proof from size {old_size} to size {new_size}")
    return tlog.resolve(tlog.consistency_ranges(old_size, new_size), read_nodes)


def leaf_hashes(start: int, stop: int) -> list[bytes]:
    return [
        bytes(value)
        for value in TreeNode.objects.filter(level=0, position__gte=start, position__lt=stop)
        .order_by("position")
        .values_list("hash", flat=True)
    ]


def tile(level: int, index: int, width: int, size: int) -> bytes:
    """The tile (c2sp.org/tlog-tiles) at tile level `level`, number `index`, `width` hashes, of a tree of `size`.

    A tile of level L holds the hashes of tree level 8·L, positions index·256 … index·256+width−1; they
    must all be complete subtrees of the tree of `size` (a partial tile is a prefix of the full one).
    """
    _check_size(size)
    tree_level = level * TILE_HEIGHT
    start = index * TILE_WIDTH
    if not 1 <= width <= TILE_WIDTH or (start + width) << tree_level > size:
        raise TreeError("no such tile in a tree of this size")
    rows = (
        TreeNode.objects.filter(level=tree_level, position__gte=start, position__lt=start + width)
        .order_by("position")
        .values_list("hash", flat=True)
    )
    data = b"".join(bytes(value) for value in rows)
    if len(data) != width * tlog.HASH_SIZE:
        raise TreeError("the stored tree is missing hashes")
    return data
