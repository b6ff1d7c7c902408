#!/usr/bin/env bash
# Base backup of the cluster's primary (scripts/cluster.py) for point-in-time recovery.
#
# The primary already archives every WAL segment (archive_mode=on, archive_command copies each finished
# segment to var/cluster/<name>/wal-archive; archive_timeout=60 s bounds the loss when writes are few).
# This takes a compressed base backup (pg_basebackup, tar format, WAL needed for consistency included)
# into var/cluster/<name>/backups/<UTC time>/ and switches the WAL segment so the archive is current.
# In production both go to storage on another machine inside Kazakhstan (docs/operations.md).
#
#   scripts/backup.sh [name] [primary port]      # defaults: dev 54330 (make cluster)
set -euo pipefail
NAME=${1:-dev}
PORT=${2:-54330}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=$ROOT/var/cluster/$NAME
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DEST=$BASE/backups/$STAMP
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

test -d "$BASE/wal-archive" || { echo "backup: no cluster at $BASE (make cluster first)" >&2; exit 1; }
mkdir -p "$DEST"
[ "$(id -u)" = 0 ] && chown postgres "$BASE/backups" "$DEST"
started=$(date +%s.%N)
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$DEST" -Ft -z -X fetch -c fast \
  --label "tyndau $STAMP" --manifest-checksums=SHA256
as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAtc "SELECT pg_switch_wal()" >/dev/null
as_pg "$PG_BIN/pg_verifybackup" -n -m "$DEST/backup_manifest" "$DEST" >/dev/null 2>&1 \
  || echo "backup: note: pg_verifybackup cannot read tar backups on PostgreSQL 15; manifest kept" >&2
cp "$BASE/keys.env" "$DEST/keys.env"  # in production: the key backup is kept apart from the data (docs)
chmod 600 "$DEST/keys.env"
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
size=$(du -sh "$DEST" | cut -f1)
echo "backup: $DEST ($size, ${elapsed%.*}s); WAL archive: $BASE/wal-archive"
