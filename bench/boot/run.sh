#!/usr/bin/env bash
# Spring Boot start-up: the time a Boot application's start spends in dbshift's starter with N applied
# migrations and nothing pending, beside Flyway's auto-configuration, in the same run (the two interleaved,
# order alternating). Each start is its own JVM. See bench/README-boot.md.
#
#   bench/boot/run.sh [--migrations 500] [--runs 5] [--no-build] [--keep]
#
# PG_HOST/PG_PORT/PG_USER override the PostgreSQL server (default 127.0.0.1:5432, postgres, trust).
set -euo pipefail

N=500
RUNS=5
BUILD=1
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --migrations) N=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
PG_HOST=${PG_HOST:-127.0.0.1}; PG_PORT=${PG_PORT:-5432}; PG_USER=${PG_USER:-postgres}
if [ "$BUILD" = 1 ] || [ ! -f "$root/bench/boot/target/classpath.txt" ]; then
  echo "building bench/boot (and the starter, core) ..." >&2
  (cd "$root" && mvn -q -B -ntp -Pbench -pl core,spring-boot-starter,bench/boot -am package -DskipTests) >&2
fi

work=$(mktemp -d /tmp/dbshift-bench-boot.XXXXXX)
if [ "$KEEP" = 0 ]; then trap 'rm -rf "$work"' EXIT; fi
echo "work folder: $work" >&2

# identical migrations for both tools, on the class path at classpath:db/migration (both tools' default):
# Flyway's names (V1.N__tN.sql), which dbshift reads too
mkdir -p "$work/cp/db/migration"
awk -v n="$N" -v d="$work/cp/db/migration" 'BEGIN {
  for (i = 1; i <= n; i++) {
    f = sprintf("%s/V1.%d__t%d.sql", d, i, i)
    printf "CREATE TABLE bt%d (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL);\nINSERT INTO bt%d (id, name) VALUES (%d, '\''row %d'\'');\n", i, i, i, i > f
    close(f)
  }
}'
cp="$root/bench/boot/target/classes:$(cat "$root/bench/boot/target/classpath.txt"):$work/cp"

suffix=$$
psql_admin() { psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "$1" >/dev/null; }
for tool in dbshift flyway; do
  psql_admin "DROP DATABASE IF EXISTS bench_boot_${tool}_$suffix"
  psql_admin "CREATE DATABASE bench_boot_${tool}_$suffix"
done
cleanup_db() { for tool in dbshift flyway; do psql_admin "DROP DATABASE IF EXISTS bench_boot_${tool}_$suffix" || true; done; }
trap 'cleanup_db; [ "$KEEP" = 1 ] || rm -rf "$work"' EXIT

start() { # tool [expected applied]
  java -cp "$cp" dev.dbshift.bench.boot.BootStart "$1" "jdbc:postgresql://$PG_HOST:$PG_PORT/bench_boot_${1}_$suffix" "$PG_USER" "${2:-}"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# not measured: each tool applies the N migrations to its own database (and checks the count on the next start)
for tool in dbshift flyway; do
  java -cp "$cp" dev.dbshift.bench.boot.BootStart "$tool" "jdbc:postgresql://$PG_HOST:$PG_PORT/bench_boot_${tool}_$suffix" "$PG_USER" >/dev/null 2>&1 || true
done
results="$work/results.txt"
: >"$results"
for r in $(seq 1 "$RUNS"); do
  if [ $((r % 2)) = 1 ]; then order="dbshift flyway"; else order="flyway dbshift"; fi
  for tool in $order; do
    line=$(start "$tool" "$N" | grep '^tool=')
    echo "run $r $line" | tee -a "$results" >&2
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$results" "$N" "$RUNS" "$load_start" "$load_end" <<'PY'
import re, statistics, sys
path, n, runs, l0, l1 = sys.argv[1:]
rows = {}
for line in open(path):
    kv = dict(re.findall(r'(\w+)=(\S+)', line))
    rows.setdefault(kv['tool'], []).append((float(kv['migrator_ms']), float(kv['context_ms'])))
med = {t: (statistics.median(m for m, _ in v), statistics.median(c for _, c in v)) for t, v in rows.items()}
print(f"Spring Boot 3.5 start-up, PostgreSQL, {n} applied migrations, nothing pending; medians of {runs} interleaved runs")
print(f"load average: {l0} (start), {l1} (end)")
print("| tool | in the migrator (ms) | min-max | whole context start (ms) |")
print("|---|---|---|---|")
for t in ('dbshift', 'flyway'):
    ms = [m for m, _ in rows[t]]
    print(f"| {t} | {med[t][0]:.0f} | {min(ms):.0f}-{max(ms):.0f} | {med[t][1]:.0f} |")
print(f"ratio dbshift/Flyway in the migrator: {med['dbshift'][0] / med['flyway'][0]:.2f}x")
PY
