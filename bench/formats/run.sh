#!/usr/bin/env bash
# Reading another tool's migration folder and planning, whole process: a pop/golang-migrate folder of 3,500 files
# (1,750 versions, {timestamp}_{name}.up.sql and .down.sql) beside the same migrations in dbshift's own layout,
# `./dbshift up --dry-run` (list, checksum, read the history, plan every pending migration, print the plan) on an
# empty embedded H2 database; and the same command on an empty folder (the JVM and connection floor). Median wall
# time, CPU time (user + sys) and peak RSS of R runs. See bench/README-formats.md.
#
#   bench/formats/run.sh [--files 3500] [--runs 5] [--no-build]
set -euo pipefail

FILES=3500
RUNS=5
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/../.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
if [ "$BUILD" = 1 ]; then
  mvn -q -B -ntp -pl core,cli -am package -DskipTests
fi

WORK=bench/target/formats-work
rm -rf "$WORK"
VERSIONS=$((FILES / 2))
for layout in golang-migrate dbshift empty; do
  mkdir -p "$WORK/$layout/migrations"
  printf 'url = "jdbc:h2:mem:bench_%s"\n' "${layout//-/_}" > "$WORK/$layout/dbshift.toml"
done
# pop-style names: a 14-digit timestamp per migration, one second apart
awk -v n="$VERSIONS" -v dir="$WORK" 'BEGIN {
  for (i = 1; i <= n; i++) {
    ts = sprintf("20160808%06d", i);
    up = sprintf("CREATE TABLE widgets_%d (id INT PRIMARY KEY, name VARCHAR(50), created_at TIMESTAMP);\nCREATE INDEX widgets_%d_name ON widgets_%d (name);\n", i, i, i);
    down = sprintf("DROP TABLE widgets_%d;\n", i);
    f = sprintf("%s/golang-migrate/migrations/%s_create_widgets_%d.up.sql", dir, ts, i); printf "%s", up > f; close(f);
    f = sprintf("%s/golang-migrate/migrations/%s_create_widgets_%d.down.sql", dir, ts, i); printf "%s", down > f; close(f);
    f = sprintf("%s/dbshift/migrations/%s__create_widgets_%d.sql", dir, ts, i); printf "%s", up > f; close(f);
    f = sprintf("%s/dbshift/migrations/%s__create_widgets_%d.down.sql", dir, ts, i); printf "%s", down > f; close(f);
  }
}'

# warm-up: the launcher writes its class-data-sharing archive on the first run after a build (not measured)
./dbshift -C "$WORK/dbshift" up --dry-run >/dev/null

echo "| layout | files | planned | median wall (s) | min–max wall (s) | median CPU user+sys (s) | median peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|"
for layout in golang-migrate dbshift empty; do
  planned=$(./dbshift -C "$WORK/$layout" up --dry-run 2>/dev/null | grep -c 'create widgets' || true)
  : > "$WORK/$layout.times"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M %U %S' -o "$WORK/$layout.one" ./dbshift -C "$WORK/$layout" up --dry-run >/dev/null 2>&1
    cat "$WORK/$layout.one" >> "$WORK/$layout.times"
  done
  sort -n "$WORK/$layout.times" | awk -v layout="$layout" -v files="$(ls "$WORK/$layout/migrations" | wc -l)" -v planned="$planned" '
    { wall[NR] = $1; rss[NR] = $2; cpu[NR] = $3 + $4 }
    END {
      m = int((NR + 1) / 2);
      n = asort(rss);
      asort(cpu);
      printf "| %s | %d | %d | %.2f | %.2f–%.2f | %.2f | %.0f |\n", layout, files, planned, wall[m], wall[1], wall[NR], cpu[m], rss[m] / 1024
    }'
done
echo
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
