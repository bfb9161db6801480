#!/usr/bin/env bash
# Starts (start DIR PRIMARY_PORT REPLICA_PORT) or stops (stop DIR; stop-replica DIR: the replica only) a MariaDB primary with the binlog on
# and a replica of it, in DIR, as user mysql. Used by the replica tests; every server it starts is
# stopped by "stop" (and the tests call it in a finally / shutdown hook).
set -euo pipefail
cmd=$1 dir=$2
stop_one() {
  local d=$1
  if [ -f "$d/pid" ]; then
    local pid; pid=$(cat "$d/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}
start_one() { # dir port server_id extra...
  local d=$1 port=$2 id=$3; shift 3
  # its own tmpdir: a starting server deletes every #sql* file there, and in /tmp those are the temporary tables
  # of the machine's MariaDB, in use by other tests
  mkdir -p "$d" "$d/tmp"
  [ -d "$d/data/mysql" ] || cp -a "$dir/template" "$d/data"
  chown -R mysql:mysql "$d"
  /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$d/data" --tmpdir="$d/tmp" --port="$port" --bind-address=127.0.0.1 \
    --socket="$d/sock" --pid-file="$d/pid" --log-error="$d/err.log" --server-id="$id" \
    --skip-name-resolve --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --performance-schema=OFF \
    "$@" >/dev/null 2>&1 &
  for _ in $(seq 1 150); do
    mariadb --no-defaults -uroot -h127.0.0.1 -P"$port" -e 'SELECT 1' >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "MariaDB on port $port did not start; $d/err.log:" >&2; tail -n 20 "$d/err.log" >&2; return 1
}
case $cmd in
  start)
    p1=$3 p2=$4
    mkdir -p "$dir"; chmod 755 "$dir"
    if [ ! -d "$dir/template/mysql" ]; then # one system database, copied for both servers
      mkdir -p "$dir/template-tmp" && chown mysql:mysql "$dir/template-tmp"
      mariadb-install-db --no-defaults --datadir="$dir/template" --tmpdir="$dir/template-tmp" --user=mysql --auth-root-authentication-method=normal \
        --skip-test-db >"$dir/install.log" 2>&1
    fi
    start_one "$dir/primary" "$p1" 1 --log-bin=binlog --binlog-format=ROW &
    a=$!
    start_one "$dir/replica" "$p2" 2 --read-only=1 --report-host=127.0.0.1 --report-port="$p2" --relay-log=relay &
    b=$!
    wait $a; wait $b
    mariadb --no-defaults -uroot -h127.0.0.1 -P"$p1" -e "CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1';
      GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'; CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
      GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION"
    mariadb --no-defaults -uroot -h127.0.0.1 -P"$p2" -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
      GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
      CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$p1, MASTER_USER='repl', MASTER_USE_GTID=slave_pos,
      MASTER_CONNECT_RETRY=1; START SLAVE"
    ;;
  stop)
    stop_one "$dir/replica" & stop_one "$dir/primary" & wait
    ;;
  stop-replica)
    stop_one "$dir/replica"
    ;;
  *) echo "usage: $0 start DIR PRIMARY_PORT REPLICA_PORT | stop DIR | stop-replica DIR" >&2; exit 2 ;;
esac
