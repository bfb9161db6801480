#!/usr/bin/env bash
# Fleet benchmark (not a test): N PostgreSQL tenant schemas on one server.
#   1. dbshift fleet up   (M migrations on every schema)       vs  a loop over Flyway's Java API in one JVM (migrate)
#                                                               and a shell loop over the dbshift CLI (a sample)
#   2. dbshift fleet check (no-op: everything applied)         vs  the Flyway loop (validate) and the shell loop (check)
# Each is one whole OS process timed with /usr/bin/time; peak connections are sampled on the server
# (pg_stat_activity, by application_name) every 50 ms while it runs. See bench/README-fleet.md.
#
#   bench/fleet/run.sh [--schemas 1000] [--migrations 5] [--parallel 8] [--loop-sample 50] [--flyway-sample N]
#                      [--no-build] [--keep]
#
# The shell loop runs dbshift once per schema; over --loop-sample schemas, its time is scaled to N (said so).
# The Flyway loop runs over --flyway-sample schemas (default: all N), scaled to N the same way when fewer.
# PG_HOST/PG_PORT/PG_USER override the server.
set -euo pipefail

N=1000
M=5
PAR=8
SAMPLE=50
FSAMPLE=
BUILD=1
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --schemas) N=$2; shift 2 ;;
    --migrations) M=$2; shift 2 ;;
    --parallel) PAR=$2; shift 2 ;;
    --loop-sample) SAMPLE=$2; shift 2 ;;
    --flyway-sample) FSAMPLE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

FSAMPLE=${FSAMPLE:-$N}
root=$(cd "$(dirname "$0")/../.." && pwd)
PG_HOST=${PG_HOST:-127.0.0.1}; PG_PORT=${PG_PORT:-5432}; PG_USER=${PG_USER:-postgres}
TIME=/usr/bin/time
[ -x "$TIME" ] || apt-get install -y -qq time >/dev/null

bench_jar="$root/bench/target/dbshift-bench.jar"
cli_jar="$root/cli/target/dbshift.jar"
if [ "$BUILD" = 1 ] || [ ! -f "$bench_jar" ] || [ ! -f "$cli_jar" ]; then
  echo "building cli/target/dbshift.jar and bench/target/dbshift-bench.jar ..." >&2
  (cd "$root" && mvn -q -B -ntp -pl core,cli -am package -DskipTests \
     && mvn -q -B -ntp -Pbench -pl core,bench -am package -DskipTests) >&2
fi

work=$(mktemp -d /tmp/dbshift-bench-fleet.XXXXXX)
tag="bfl$$"
pg() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -At -v ON_ERROR_STOP=1 -d test "$@"; }
cleanup() {
  for p in d f l; do
    pg -c "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '${tag}${p}\\_%'" | while read -r s; do
      pg -c "DROP SCHEMA \"$s\" CASCADE" 2>/dev/null || true
    done
  done
  [ "$KEEP" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
echo "work folder: $work; schemas ${tag}{d,f,l}_*" >&2
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# M migrations, the same SQL for both tools
mkdir -p "$work/dbshift/migrations" "$work/flyway"
for i in $(seq 1 "$M"); do
  sql="CREATE TABLE ft$i (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL);
CREATE INDEX ix_ft${i}_name ON ft$i (name);
INSERT INTO ft$i (id, name) VALUES ($i, 'row $i');"
  echo "$sql" >"$work/dbshift/migrations/$i.0__ft$i.sql"
  echo "$sql" >"$work/flyway/V$i.0__ft$i.sql"
done

# three sets of N schemas: d (dbshift fleet), f (Flyway loop), l (shell loop: SAMPLE of them)
for p in d f l; do
  n=$N; [ "$p" = l ] && n=$SAMPLE; [ "$p" = f ] && n=$FSAMPLE
  seq -f "${tag}${p}_%04g" 1 "$n" >"$work/schemas-$p.txt"
  awk '{print "CREATE SCHEMA " $1 ";"}' "$work/schemas-$p.txt" | pg >/dev/null
done
url="jdbc:postgresql://$PG_HOST:$PG_PORT/test?ApplicationName=$tag"

# sample PEAKFILE: the most connections of this benchmark seen at once, until killed
sample() {
  local peak=0 n
  while :; do
    n=$(pg -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$tag'" 2>/dev/null || echo 0)
    [ "$n" -gt "$peak" ] && { peak=$n; echo "$peak" >"$1"; }
    sleep 0.05
  done
}
results="$work/results.tsv"; : >"$results"
# timed NAME LOG -- COMMAND...: one process; seconds and peak connections go to results
timed() {
  local name=$1 log=$2; shift 3
  echo 0 >"$work/peak"
  sample "$work/peak" & local sp=$!
  local rc=0
  "$TIME" -f '%e' -o "$work/time" "$@" >"$log" 2>&1 || rc=$?
  kill "$sp" 2>/dev/null; wait "$sp" 2>/dev/null || true
  printf '%s\t%s\t%s\t%s\n' "$name" "$(cat "$work/time" | tail -1)" "$(cat "$work/peak")" "$rc" >>"$results"
  printf '  %-26s %7.2f s  peak %s connections  exit %s\n' "$name" "$(tail -1 "$work/time")" "$(cat "$work/peak")" "$rc" >&2
  if [ "$rc" != 0 ]; then tail -n 20 "$log" >&2; exit 1; fi
}

java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
dbshift() { java "${java_opts[@]}" -jar "$cli_jar" -C "$work/dbshift" --url "$url" --user "$PG_USER" "$@"; }
flyway_loop() { java -cp "$bench_jar" dev.dbshift.bench.fleet.FlywayLoop "$1" "$url" "$PG_USER" "" "$work/flyway" "$work/schemas-f.txt"; }
shell_loop() { while read -r s; do dbshift --schemas "$s" "$@" >/dev/null || return 1; done <"$work/schemas-l.txt"; }

echo "fleet up: $N schemas x $M migrations (parallel $PAR)" >&2
timed "dbshift fleet up" "$work/log.up" -- java "${java_opts[@]}" -jar "$cli_jar" -C "$work/dbshift" --url "$url" --user "$PG_USER" \
  fleet up --schemas "${tag}d\\_%" --parallel "$PAR"
timed "flyway loop migrate" "$work/log.fw.up" -- bash -c "$(declare -f flyway_loop); bench_jar='$bench_jar' url='$url' PG_USER='$PG_USER' work='$work' flyway_loop migrate"
timed "dbshift shell loop up" "$work/log.loop.up" -- bash -c "$(declare -f dbshift shell_loop); java_opts=(${java_opts[*]}); cli_jar='$cli_jar' url='$url' PG_USER='$PG_USER' work='$work' shell_loop up"
echo "no-op: everything applied" >&2
timed "dbshift fleet check" "$work/log.check" -- java "${java_opts[@]}" -jar "$cli_jar" -C "$work/dbshift" --url "$url" --user "$PG_USER" \
  fleet check --schemas "${tag}d\\_%" --parallel "$PAR"
timed "flyway loop validate" "$work/log.fw.check" -- bash -c "$(declare -f flyway_loop); bench_jar='$bench_jar' url='$url' PG_USER='$PG_USER' work='$work' flyway_loop validate"
timed "dbshift shell loop check" "$work/log.loop.check" -- bash -c "$(declare -f dbshift shell_loop); java_opts=(${java_opts[*]}); cli_jar='$cli_jar' url='$url' PG_USER='$PG_USER' work='$work' shell_loop check"

# every schema got its M tables, through each tool
for p in d f l; do
  got=$(pg -c "SELECT count(*) FROM information_schema.tables WHERE table_schema LIKE '${tag}${p}\\_%' AND table_name = 'ft$M'")
  want=$N; [ "$p" = l ] && want=$SAMPLE; [ "$p" = f ] && want=$FSAMPLE
  [ "$got" = "$want" ] || { echo "CHECK FAILED: schemas $p: $got with ft$M, expected $want" >&2; exit 1; }
done
grep -q "fleet up: $N done" "$work/log.up" || { echo "CHECK FAILED: dbshift fleet up did not report $N done" >&2; tail "$work/log.up" >&2; exit 1; }
grep -q "fleet check: $N done" "$work/log.check" || { echo "CHECK FAILED: dbshift fleet check did not report $N done" >&2; exit 1; }

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
secs() { awk -F'\t' -v n="$1" '$1 == n {print $2}' "$results"; }
peak() { awk -F'\t' -v n="$1" '$1 == n {print $3}' "$results"; }
scaled() { awk -v s="$(secs "$1")" -v n="$N" -v k="${2:-$SAMPLE}" 'BEGIN {printf "%.1f", s * n / k}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a / b}'; }
{
  echo "## fleet, $N PostgreSQL schemas, $M migrations, --parallel $PAR ($(date -u +%Y-%m-%d), $(nproc) CPUs, load $load_start -> $load_end)"
  echo
  echo "| step | dbshift fleet | Flyway API loop (1 JVM$([ "$FSAMPLE" = "$N" ] || echo ", scaled from $FSAMPLE")) | dbshift CLI shell loop (scaled from $SAMPLE) | Flyway loop / fleet | shell loop / fleet |"
  echo "|---|---|---|---|---|---|"
  echo "| up ($M migrations) | $(secs 'dbshift fleet up') s, peak $(peak 'dbshift fleet up') conn | $(scaled 'flyway loop migrate' "$FSAMPLE") s, peak $(peak 'flyway loop migrate') conn | $(scaled 'dbshift shell loop up') s | $(ratio "$(scaled 'flyway loop migrate' "$FSAMPLE")" "$(secs 'dbshift fleet up')") | $(ratio "$(scaled 'dbshift shell loop up')" "$(secs 'dbshift fleet up')") |"
  echo "| no-op check | $(secs 'dbshift fleet check') s, peak $(peak 'dbshift fleet check') conn | $(scaled 'flyway loop validate' "$FSAMPLE") s, peak $(peak 'flyway loop validate') conn | $(scaled 'dbshift shell loop check') s | $(ratio "$(scaled 'flyway loop validate' "$FSAMPLE")" "$(secs 'dbshift fleet check')") | $(ratio "$(scaled 'dbshift shell loop check')" "$(secs 'dbshift fleet check')") |"
} | tee "$work/summary.md"
