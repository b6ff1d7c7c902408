#!/usr/bin/env bash
# Restore drill: rebuild a new PostgreSQL cluster from the latest base backup plus the WAL archive
# (scripts/backup.sh), as if the primary were lost now, and prove nothing acknowledged was lost:
#   - `manage.py audit_verify` passes on the restored copy (the hash chain and Merkle tree are whole);
#   - the primary's latest signed audit checkpoint is in the restored copy (or, if it was signed after
#     the last archived WAL segment, the gap is reported as the recovery point);
# and measure the recovery point (RPO: how old, at the moment of the loss, the oldest audit event missing
# from the restored copy was — 0 when none is missing; bounded by archive_timeout) and the
# recovery time (RTO: from unpacking the backup to audit_verify passing). Prints one JSON line last.
#
#   scripts/restore_drill.sh [name] [primary port] [restore port]   # defaults: dev 54330 54334
#   KEEP=1 scripts/restore_drill.sh   # leave the restored cluster running (stop: pg_ctl -D … stop)
set -euo pipefail
NAME=${1:-dev}
PRIMARY=${2:-54330}
PORT=${3:-54334}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE=$ROOT/var/cluster/$NAME
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DATA=$BASE/restore/pg
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
q() { as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d tyndau -qAtc "$2"; }

LATEST=$(ls -1d "$BASE"/backups/*/ 2>/dev/null | sort | tail -1)
test -n "$LATEST" || { echo "restore: no backup in $BASE/backups (scripts/backup.sh first)" >&2; exit 1; }
LATEST=${LATEST%/}

# The moment of the "disaster": what the primary had committed (no WAL switch: a real loss gets none).
DISASTER=$(date +%s.%N)
P_SEQ=$(q "$PRIMARY" "SELECT coalesce(max(seq), 0) FROM audit_event")
P_CKPT=$(q "$PRIMARY" "SELECT coalesce(max(size), 0) FROM audit_checkpoint")
P_CKPT_ROOT=$(q "$PRIMARY" "SELECT coalesce(encode(root_hash, 'hex'), '') FROM audit_checkpoint ORDER BY size DESC LIMIT 1")

stop_restored() { [ -f "$DATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null || true; }
[ "${KEEP:-0}" = 1 ] || trap stop_restored EXIT
stop_restored
rm -rf "$BASE/restore"
mkdir -p "$DATA"
[ "$(id -u)" = 0 ] && chown -R postgres "$BASE/restore"
chmod 700 "$DATA"
started=$(date +%s.%N)
as_pg tar -xzf "$LATEST/base.tar.gz" -C "$DATA"
cat >>"$DATA/postgresql.auto.conf" <<CONF
port = $PORT
archive_mode = off
primary_conninfo = ''
primary_slot_name = ''
restore_command = 'cp $BASE/wal-archive/%f %p'
recovery_target_action = 'promote'
CONF
as_pg touch "$DATA/recovery.signal"
as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$BASE/restore/postgres.log" -w -t 600 start >/dev/null
until [ "$(q "$PORT" "SELECT pg_is_in_recovery()" 2>/dev/null)" = "f" ]; do sleep 0.2; done

set -a; . "$LATEST/keys.env"; set +a
export DEBUG=0 TYNDAU_TESTING=0 ALLOWED_HOSTS=127.0.0.1 DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/tyndau" \
  DATABASE_REPLICA_URL= DATABASE_DIRECT_URL= TYNDAU_LEADER_DATABASE=default REDIS_URL= \
  TYNDAU_VAR_DIR="$BASE/restore/var" STATIC_ROOT="$BASE/static"
(cd "$ROOT" && .venv/bin/python manage.py audit_verify)
finished=$(date +%s.%N)

R_SEQ=$(q "$PORT" "SELECT coalesce(max(seq), 0) FROM audit_event")
FIRST_LOST=$(q "$PRIMARY" "SELECT coalesce(extract(epoch FROM min(occurred_at)), 0) FROM audit_event WHERE seq > $R_SEQ")
R_HAS_CKPT=$(q "$PORT" "SELECT count(*) FROM audit_checkpoint WHERE size = $P_CKPT AND encode(root_hash, 'hex') = '$P_CKPT_ROOT'")
R_CKPT=$(q "$PORT" "SELECT coalesce(max(size), 0) FROM audit_checkpoint")
rto=$(echo "$finished - $started" | bc)
rpo=0
[ "$FIRST_LOST" = 0 ] || rpo=$(echo "$DISASTER - $FIRST_LOST" | bc)
echo "restore: from $LATEST; audit_verify passed; primary checkpoint $P_CKPT present: $R_HAS_CKPT"
printf '{"backup": "%s", "rto_s": %.1f, "rpo_s": %.1f, "primary_event_seq": %s, "restored_event_seq": %s, "events_lost": %s, "primary_checkpoint": %s, "restored_checkpoint": %s, "latest_checkpoint_present": %s}\n' \
  "$(basename "$LATEST")" "$rto" "$rpo" "$P_SEQ" "$R_SEQ" "$((P_SEQ - R_SEQ))" "$P_CKPT" "$R_CKPT" \
  "$([ "$R_HAS_CKPT" = 1 ] && echo true || echo false)"
[ "$R_HAS_CKPT" = 1 ] || [ "$P_CKPT" = 0 ]
