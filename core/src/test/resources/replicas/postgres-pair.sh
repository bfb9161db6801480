#!/usr/bin/env bash
# Starts (start DIR PRIMARY_PORT REPLICA_PORT) or stops (stop DIR; stop-replica DIR: the replica only) a PostgreSQL primary and a streaming
# replica of it (pg_basebackup -R), in DIR, as user postgres (PostgreSQL refuses to run as root).
# Trust authentication on 127.0.0.1. Used by the replica tests, which always call "stop".
set -euo pipefail
cmd=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
  start)
    p1=$3 p2=$4
    mkdir -p "$dir"; chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/primary" -U postgres --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1
    cat >>"$dir/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $p1
unix_socket_directories = '$dir'
wal_level = replica
max_wal_senders = 4
shared_buffers = 16MB
fsync = off
CONF
    echo "host replication all 127.0.0.1/32 trust" >>"$dir/primary/pg_hba.conf"
    as_pg "$bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 60 start >/dev/null
    as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$p1" -U postgres -D "$dir/replica" -R -X stream --no-sync >/dev/null 2>&1
    cat >>"$dir/replica/postgresql.conf" <<CONF
port = $p2
hot_standby = on
hot_standby_feedback = on
CONF
    as_pg "$bin/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w -t 60 start >/dev/null
    ;;
  stop)
    for d in replica primary; do
      [ -f "$dir/$d/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/$d" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    done
    ;;
  stop-replica)
    as_pg "$bin/pg_ctl" -D "$dir/replica" -m fast -w -t 30 stop >/dev/null
    ;;
  *) echo "usage: $0 start DIR PRIMARY_PORT REPLICA_PORT | stop DIR | stop-replica DIR" >&2; exit 2 ;;
esac
