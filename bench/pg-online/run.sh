#!/usr/bin/env bash
# PostgreSQL online rewrite: ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14,2) on a 2M-row table, plain
# (native rewrite under ACCESS EXCLUSIVE) beside dbshift's online copy, idle and under one closed-loop writer.
# See bench/README-pg-online.md.
#
#   bench/pg-online/run.sh [--rows 2000000] [--runs 1] [--tools native,dbshift] [--modes idle,writer] [--no-build]
#
# PG_URL / PG_USER override the server (default jdbc:postgresql://127.0.0.1:5432/test, postgres, trust). The schema
# dbshift_bench_pgonline is created and kept (its seed table is reused by the next run).
set -euo pipefail

ARGS=()
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    --rows|--runs|--tools|--modes) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$BUILD" = 1 ] || [ ! -f "$root/bench/target/dbshift-bench.jar" ]; then
  echo "building bench (and core) ..." >&2
  (cd "$root" && mvn -q -B -ntp -Pbench -pl core,bench -am package -DskipTests) >&2
fi
exec java -cp "$root/bench/target/dbshift-bench.jar" dev.dbshift.bench.online.PgOnlineBench \
  --url "${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}" --user "${PG_USER:-postgres}" "${ARGS[@]}"
