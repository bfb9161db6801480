#!/usr/bin/env bash
# Whole-process benchmark: dbshift vs Flyway 11 applying N small migrations, then a no-op
# up/migrate and a status/info with all N applied, on PostgreSQL, MariaDB and H2; plus the floor
# (the same SQL in one file through psql / mariadb / H2 RunScript). Every number is one whole OS
# process measured with /usr/bin/time (wall seconds, peak RSS). See bench/README.md.
#
#   bench/migrate/run.sh [--migrations 1000] [--runs 3] [--db postgres,mariadb,h2] [--tools dbshift,flyway]
#                        [--no-build] [--no-floor] [--out FILE.md] [--keep]
#
# Environment: JAVA_HOME picks the JDK of both tools; DBSHIFT_JAVA_OPTS is passed to the dbshift launcher (e.g. -Xmx64m);
# FLYWAY_JAVA_OPTS to Flyway's JVM (default: none, like the Flyway command line).
# PG_HOST/PG_PORT/PG_USER, MARIADB_HOST/MARIADB_PORT/MARIADB_USER override the servers.
set -euo pipefail

N=1000
RUNS=3
DBS=postgres,mariadb,h2
TOOLS=dbshift,flyway
BUILD=1
FLOOR=1
OUT=
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --migrations) N=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --db) DBS=$2; shift 2 ;;
    --tools) TOOLS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-floor) FLOOR=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
PG_HOST=${PG_HOST:-127.0.0.1}; PG_PORT=${PG_PORT:-5432}; PG_USER=${PG_USER:-postgres}
MARIADB_HOST=${MARIADB_HOST:-127.0.0.1}; MARIADB_PORT=${MARIADB_PORT:-3306}; MARIADB_USER=${MARIADB_USER:-root}
FLYWAY_JAVA_OPTS=${FLYWAY_JAVA_OPTS:-}
# one JDK for both tools: $JAVA_HOME's when set (the dbshift launcher honours it too), else the java on the PATH
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
DBSHIFT_JAVA_OPTS=${DBSHIFT_JAVA_OPTS:-}
export DBSHIFT_JAVA_OPTS

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "installing GNU time (apt-get install -y time)" >&2
  apt-get install -y -qq time >/dev/null
fi

bench_jar="$root/bench/target/dbshift-bench.jar"
cli_jar="$root/cli/target/dbshift.jar"
if [ "$BUILD" = 1 ] || [ ! -f "$bench_jar" ] || [ ! -f "$cli_jar" ]; then
  echo "building cli/target/dbshift.jar and bench/target/dbshift-bench.jar ..." >&2
  (cd "$root" && mvn -q -B -ntp -pl core,cli -am package -DskipTests \
     && mvn -q -B -ntp -Pbench -pl core,bench -am package -DskipTests) >&2
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# the launcher rebuilds the jar when a source is newer than it: do that now, not inside a measured run
"$root/dbshift" version >/dev/null
work=$(mktemp -d /tmp/dbshift-bench-migrate.XXXXXX)
if [ "$KEEP" = 0 ]; then trap 'rm -rf "$work"' EXIT; fi
results="$work/results.tsv"   # db tool step run seconds rss_kb
: >"$results"
echo "work folder: $work" >&2

# ------------------------------------------------------------------ migrations
# Identical SQL for both tools; only the file names differ (dbshift 1.0.N__tN.sql, Flyway V1.0.N__tN.sql).
mkdir -p "$work/migrations-dbshift" "$work/migrations-flyway"
awk -v n="$N" -v d="$work/migrations-dbshift" -v f="$work/migrations-flyway" -v all="$work/all.sql" 'BEGIN {
  for (i = 1; i <= n; i++) {
    sql = sprintf("CREATE TABLE bt%d (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at TIMESTAMP);\n" \
                  "CREATE INDEX ix_bt%d_name ON bt%d (name);\n" \
                  "INSERT INTO bt%d (id, name, created_at) VALUES (%d, '\''row %d'\'', CURRENT_TIMESTAMP);\n", i, i, i, i, i, i)
    a = sprintf("%s/1.0.%d__t%d.sql", d, i, i); printf "%s", sql > a; close(a)
    b = sprintf("%s/V1.0.%d__t%d.sql", f, i, i); printf "%s", sql > b; close(b)
    printf "%s", sql > all
  }
}'

# ------------------------------------------------------------------ per database
pg_sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
my_sql() { mariadb -h "$MARIADB_HOST" -P "$MARIADB_PORT" -u "$MARIADB_USER" -N -B "$@"; }

# fresh DB: drops and creates the database/file for NAME
fresh() {
  local db=$1 name=$2
  case "$db" in
    postgres) pg_sql -d postgres -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" ;;
    mariadb) my_sql -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name" ;;
    h2) rm -rf "$work/h2/$name"; mkdir -p "$work/h2/$name" ;;
  esac
}
drop() {
  local db=$1 name=$2
  case "$db" in
    postgres) pg_sql -d postgres -c "DROP DATABASE IF EXISTS $name" ;;
    mariadb) my_sql -e "DROP DATABASE IF EXISTS $name" ;;
    h2) rm -rf "$work/h2/$name" ;;
  esac
}
url() {
  case "$1" in
    postgres) echo "jdbc:postgresql://$PG_HOST:$PG_PORT/$2" ;;
    mariadb) echo "jdbc:mariadb://$MARIADB_HOST:$MARIADB_PORT/$2" ;;
    h2) echo "jdbc:h2:file:$work/h2/$2/db" ;;
  esac
}
user() { case "$1" in postgres) echo "$PG_USER" ;; mariadb) echo "$MARIADB_USER" ;; h2) echo sa ;; esac; }

# check DB NAME TOOL: prints "tables history" (bt% tables in the target schema, successful versioned history rows)
check() {
  local db=$1 name=$2 tool=$3 schema hist
  case "$db" in
    postgres) schema="current_schema()" ;; mariadb) schema="DATABASE()" ;; h2) schema="CURRENT_SCHEMA" ;;
  esac
  case "$tool" in
    dbshift) hist="SELECT COUNT(*) FROM dbshift_history WHERE success AND operation = 'apply' AND version IS NOT NULL" ;;
    flyway) if [ "$db" = h2 ]; then hist='SELECT COUNT(*) FROM "flyway_schema_history" WHERE "success" AND "version" IS NOT NULL'
            else hist="SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"; fi ;;
    *) hist="SELECT 0" ;;
  esac
  java -cp "$bench_jar" dev.dbshift.bench.migrate.Check "$(url "$db" "$name")" "$(user "$db")" "" \
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $schema AND UPPER(table_name) LIKE 'BT%'" \
    "$hist" "SELECT COUNT(*) FROM bt$N" | tr '\n' ' '
}

# timed DB TOOL STEP RUN LOG -- COMMAND...: runs COMMAND as one process, records seconds and peak RSS
timed() {
  local db=$1 tool=$2 step=$3 run=$4 log=$5; shift 6
  local tf="$work/time.$$"
  if ! "$TIME" -f '%e %M' -o "$tf" "$@" >"$log" 2>&1; then
    echo "FAILED: $db $tool $step run $run: $*" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  read -r secs rss <"$tf"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$tool" "$step" "$run" "$secs" "$rss" >>"$results"
  printf '  %-8s %-8s %-7s run %s: %6.2f s %6d MB\n' "$db" "$tool" "$step" "$run" "$secs" $((rss / 1024)) >&2
}

expect() { # expect WHAT ACTUAL EXPECTED
  if [ "$2" != "$3" ]; then echo "CHECK FAILED: $1: got '$2', expected '$3'" >&2; exit 1; fi
}

run_dbshift() {
  local db=$1 run=$2 name=dbshift_bench_dbshift proj="$work/project-$db"
  fresh "$db" "$name"
  timed "$db" dbshift apply "$run" "$work/log.dbshift.$db.apply" -- "$root/dbshift" -C "$proj" up
  timed "$db" dbshift noop "$run" "$work/log.dbshift.$db.noop" -- "$root/dbshift" -C "$proj" up
  timed "$db" dbshift status "$run" "$work/log.dbshift.$db.status" -- "$root/dbshift" -C "$proj" status
  timed "$db" dbshift check "$run" "$work/log.dbshift.$db.check" -- "$root/dbshift" -C "$proj" check
  expect "$db dbshift up: migrations reported applied" "$(grep -c ' ok (' "$work/log.dbshift.$db.apply" || true)" "$N"
  expect "$db dbshift no-op up" "$(grep -c '^Nothing to do' "$work/log.dbshift.$db.noop" || true)" 1
  expect "$db dbshift status: applied rows" "$(grep -c ' applied ' "$work/log.dbshift.$db.status" || true)" "$N"
  expect "$db dbshift status: no drift" "$(grep -c '^Schema: matches' "$work/log.dbshift.$db.status" || true)" 1
  expect "$db dbshift check" "$(grep -c '^No problems' "$work/log.dbshift.$db.check" || true)" 1
  expect "$db dbshift: tables, history rows, rows in bt$N" "$(check "$db" "$name" dbshift)" "$N $N 1 "
  drop "$db" "$name"
}

run_flyway() {
  local db=$1 run=$2 name=dbshift_bench_flyway u
  u=$(url "$db" "$name")
  fresh "$db" "$name"
  # shellcheck disable=SC2086
  local fw=("$JAVA" $FLYWAY_JAVA_OPTS -cp "$bench_jar" dev.dbshift.bench.migrate.FlywayMain)
  timed "$db" flyway apply "$run" "$work/log.flyway.$db.apply" -- "${fw[@]}" migrate "$u" "$(user "$db")" "" "$work/migrations-flyway"
  timed "$db" flyway noop "$run" "$work/log.flyway.$db.noop" -- "${fw[@]}" migrate "$u" "$(user "$db")" "" "$work/migrations-flyway"
  timed "$db" flyway status "$run" "$work/log.flyway.$db.status" -- "${fw[@]}" info "$u" "$(user "$db")" "" "$work/migrations-flyway"
  timed "$db" flyway check "$run" "$work/log.flyway.$db.check" -- "${fw[@]}" validate "$u" "$(user "$db")" "" "$work/migrations-flyway"
  expect "$db flyway migrate" "$(grep -c "^migrations executed: $N, success: true" "$work/log.flyway.$db.apply" || true)" 1
  expect "$db flyway no-op migrate" "$(grep -c '^migrations executed: 0, success: true' "$work/log.flyway.$db.noop" || true)" 1
  expect "$db flyway info" "$(grep -c "^applied: $N\$" "$work/log.flyway.$db.status" || true)" 1
  expect "$db flyway validate" "$(grep -c '^validate: ok' "$work/log.flyway.$db.check" || true)" 1
  expect "$db flyway: tables, history rows, rows in bt$N" "$(check "$db" "$name" flyway)" "$N $N 1 "
  drop "$db" "$name"
}

run_floor() {
  local db=$1 run=$2 name=dbshift_bench_floor tool
  fresh "$db" "$name"
  case "$db" in
    postgres) tool=psql
      timed "$db" psql apply "$run" "$work/log.floor.$db" -- psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q \
        -v ON_ERROR_STOP=1 -d "$name" -f "$work/all.sql"
      expect "$db $tool floor: tables, -, rows in bt$N" "$(check "$db" "$name" none)" "$N 0 1 "
      # psql commits every statement (3 commits per migration, where the tools commit once per
      # migration); with -1 (one transaction for the whole file) it is the real floor.
      fresh "$db" "$name"; tool="psql -1"
      timed "$db" "psql -1" apply "$run" "$work/log.floor.$db" -- psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -X -q \
        -v ON_ERROR_STOP=1 -1 -d "$name" -f "$work/all.sql" ;;
    mariadb) tool=mariadb
      timed "$db" mariadb apply "$run" "$work/log.floor.$db" -- sh -c "exec mariadb -h '$MARIADB_HOST' -P '$MARIADB_PORT' \
        -u '$MARIADB_USER' '$name' <'$work/all.sql'" ;;
    h2) tool=RunScript
      timed "$db" RunScript apply "$run" "$work/log.floor.$db" -- java -cp "$bench_jar" org.h2.tools.RunScript \
        -url "$(url h2 "$name")" -user sa -script "$work/all.sql" ;;
  esac
  expect "$db $tool floor: tables, -, rows in bt$N" "$(check "$db" "$name" none)" "$N 0 1 "
  drop "$db" "$name"
}

IFS=, read -r -a dblist <<<"$DBS"
for db in "${dblist[@]}"; do
  case "$db" in postgres|mariadb|h2) ;; *) echo "unknown database '$db' (postgres, mariadb, h2)" >&2; exit 2 ;; esac
  proj="$work/project-$db"
  mkdir -p "$proj"
  ln -s "$work/migrations-dbshift" "$proj/migrations"
  printf 'url = "%s"\nuser = "%s"\n' "$(url "$db" dbshift_bench_dbshift)" "$(user "$db")" >"$proj/dbshift.toml"
  # The launcher makes its start-up cache (class-data archive, or ahead-of-time cache on JDK 25+) by a training
  # run on the first use after a build, on the database that command line names. Like a user's first run, make
  # it here with one warm-up `up` on this database (a throw-away 1-migration project), so every measured run
  # uses a cache made on it (a user of one database trains once on it).
  warm="$work/warm-$db"; mkdir -p "$warm/migrations"
  head -n 3 "$work/migrations-dbshift/1.0.1__t1.sql" >"$warm/migrations/1.0.1__t1.sql"
  printf 'url = "%s"\nuser = "%s"\n' "$(url "$db" dbshift_bench_warm)" "$(user "$db")" >"$warm/dbshift.toml"
  case ",$TOOLS," in *,dbshift,*)
    rm -f "$root"/cli/target/dbshift-jdk*
    fresh "$db" dbshift_bench_warm
    "$root/dbshift" -C "$warm" up >"$work/log.warm.$db" 2>&1 || { cat "$work/log.warm.$db" >&2; exit 1; }
    drop "$db" dbshift_bench_warm ;;
  esac
  echo "$db: $N migrations, $RUNS run(s)" >&2
  for run in $(seq 1 "$RUNS"); do
    first=dbshift; second=flyway
    if [ $((run % 2)) = 0 ]; then first=flyway; second=dbshift; fi
    case ",$TOOLS," in *",$first,"*) "run_$first" "$db" "$run" ;; esac
    case ",$TOOLS," in *",$second,"*) "run_$second" "$db" "$run" ;; esac
    if [ "$FLOOR" = 1 ]; then run_floor "$db" "$run"; fi
  done
done

# ------------------------------------------------------------------ report
date_utc=$(date -u +%Y-%m-%d)
[ -n "$OUT" ] || OUT="$root/bench/results/migrate-$date_utc.md"
cmd="bench/migrate/run.sh --migrations $N --runs $RUNS --db $DBS"
[ "$TOOLS" = dbshift,flyway ] || cmd="$cmd --tools $TOOLS"
[ "$FLOOR" = 1 ] || cmd="$cmd --no-floor"
[ -z "$DBSHIFT_JAVA_OPTS" ] || cmd="DBSHIFT_JAVA_OPTS='$DBSHIFT_JAVA_OPTS' $cmd"
[ -z "$FLYWAY_JAVA_OPTS" ] || cmd="FLYWAY_JAVA_OPTS='$FLYWAY_JAVA_OPTS' $cmd"
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
{
  echo "# dbshift vs Flyway: $N migrations, whole processes ($date_utc)"
  echo
  echo "Reproduce: \`$cmd\` (from the repository root)."
  echo
  echo "Machine: $(nproc) cores ($cpu), $(free -m | awk '/Mem:/ {print $2}') MB RAM, load average $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end; $("$JAVA" -version 2>&1 | head -n 1) for both tools;"
  echo "PostgreSQL $(pg_sql -d postgres -c 'SHOW server_version' 2>/dev/null || echo '?'), MariaDB $(my_sql -e 'SELECT VERSION()' 2>/dev/null || echo '?'), H2 $(java -cp "$bench_jar" dev.dbshift.bench.migrate.Check jdbc:h2:mem: sa "" "SELECT H2VERSION()" 2>/dev/null);"
  echo "Flyway $(unzip -p "$bench_jar" META-INF/maven/org.flywaydb/flyway-core/pom.properties 2>/dev/null | sed -n 's/^version=//p') (flyway-core + database modules, default JVM flags${FLYWAY_JAVA_OPTS:+ + $FLYWAY_JAVA_OPTS});"
  echo "dbshift through \`./dbshift\` (serial GC, C1 only, start-up cache made by a warm-up run on the same database${DBSHIFT_JAVA_OPTS:+, DBSHIFT_JAVA_OPTS=$DBSHIFT_JAVA_OPTS})."
  echo
  echo "Each cell: median of $RUNS run(s) (min–max when more than one). Ratio = dbshift / the other; below 1 is better for dbshift."
  echo "apply = $N pending migrations on an empty database; noop = up/migrate with nothing pending; status = status/info with $N applied; check = check/validate with $N applied."
  echo "floor = the same SQL in one file, without any history: psql -q -f (autocommit: a commit per statement), psql -1 -q -f (one transaction), mariadb < (autocommit), H2 RunScript (a JVM, autocommit)."
  echo
  awk -F'\t' -v runs="$RUNS" '
    function med(key,   n, i, j, t, a) {
      n = split(vals[key], a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      lo[key] = a[1]; hi[key] = a[n]
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function cell(key, scale, fmt,   m) {
      if (!(key in vals)) return "–"
      m = med(key)
      if (runs > 1) return sprintf(fmt " (" fmt "–" fmt ")", m / scale, lo[key] / scale, hi[key] / scale)
      return sprintf(fmt, m / scale)
    }
    function ratio(a, b) { return (a in vals) && (b in vals) && med(b) > 0 ? sprintf("%.2f", med(a) / med(b)) : "–" }
    {
      vals[$1 SUBSEP $2 SUBSEP $3 SUBSEP "s"] = vals[$1 SUBSEP $2 SUBSEP $3 SUBSEP "s"] " " $5
      vals[$1 SUBSEP $2 SUBSEP $3 SUBSEP "m"] = vals[$1 SUBSEP $2 SUBSEP $3 SUBSEP "m"] " " $6
      if (!($1 in seen)) { seen[$1] = 1; order[++ndb] = $1 }
      if ($2 != "dbshift" && $2 != "flyway" && !(($1, $2) in isfloor)) { isfloor[$1, $2] = 1; floors[$1] = floors[$1] (floors[$1] == "" ? "" : SUBSEP) $2 }
    }
    END {
      print "| database | step | dbshift s | Flyway s | dbshift/Flyway time | dbshift MB | Flyway MB | dbshift/Flyway RSS |"
      print "|---|---|---:|---:|---:|---:|---:|---:|"
      split("apply noop status check", steps, " ")
      for (d = 1; d <= ndb; d++) for (s = 1; s <= 4; s++) {
        db = order[d]; st = steps[s]
        a = db SUBSEP "dbshift" SUBSEP st; b = db SUBSEP "flyway" SUBSEP st
        printf "| %s | %s | %s | %s | **%s** | %s | %s | **%s** |\n", db, st,
          cell(a SUBSEP "s", 1, "%.2f"), cell(b SUBSEP "s", 1, "%.2f"), ratio(a SUBSEP "s", b SUBSEP "s"),
          cell(a SUBSEP "m", 1024, "%.0f"), cell(b SUBSEP "m", 1024, "%.0f"), ratio(a SUBSEP "m", b SUBSEP "m")
      }
      if (length(floors) > 0) {
        print ""
        print "| database | floor tool | floor s | floor MB | dbshift apply / floor | Flyway apply / floor |"
        print "|---|---|---:|---:|---:|---:|"
        for (d = 1; d <= ndb; d++) {
          db = order[d]; if (!(db in floors)) continue
          nf = split(floors[db], fl, SUBSEP)
          for (k = 1; k <= nf; k++) {
            f = db SUBSEP fl[k] SUBSEP "apply"
            printf "| %s | %s | %s | %s | %s | %s |\n", db, fl[k], cell(f SUBSEP "s", 1, "%.2f"), cell(f SUBSEP "m", 1024, "%.0f"),
              ratio(db SUBSEP "dbshift" SUBSEP "apply" SUBSEP "s", f SUBSEP "s"), ratio(db SUBSEP "flyway" SUBSEP "apply" SUBSEP "s", f SUBSEP "s")
          }
        }
      }
    }' "$results"
  echo
  echo "<details><summary>raw measurements (database, tool, step, run, seconds, peak RSS KB)</summary>"
  echo
  echo '```'
  cat "$results"
  echo '```'
  echo "</details>"
} >"$OUT"
cat "$OUT"
echo "written: $OUT" >&2
