#!/usr/bin/env bash
# dbshift's PostgreSQL + common lint rules beside squawk on the same 1,000 migration files: findings per mapped
# rule (agreement statement by statement, every disagreement) and the whole-process time of each, median of 3.
# See bench/README-lint.md.
#
#   bench/lint/run.sh [--files 1000] [--runs 3] [--no-build] [--out FILE.md]
set -euo pipefail

SQUAWK_VERSION=2.66.0
FILES=1000
RUNS=3
BUILD=1
OUT=
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/../.."

# squawk comes from npm (the squawk-cli package ships the native binary); pinned so runs compare.
if ! command -v squawk >/dev/null || [ "$(squawk --version)" != "squawk $SQUAWK_VERSION" ]; then
  npm install -g "squawk-cli@$SQUAWK_VERSION"
fi
# The real migration sets: jars from Maven Central (bench/lint/real-sources.txt), copied once, never installed.
JARS=bench/target/lint-jars
mkdir -p "$JARS"
grep -v '^#' bench/lint/real-sources.txt | while IFS=: read -r g a v; do
  [ -n "$g" ] || continue
  [ -f "$JARS/$a-$v.jar" ] || mvn -q -B -ntp -N dependency:copy -Dartifact="$g:$a:$v" -DoutputDirectory="$JARS"
done
if [ "$BUILD" = 1 ]; then
  mvn -q -B -ntp -Pbench -pl core,bench -am package -DskipTests
fi
java -cp bench/target/dbshift-bench.jar dev.dbshift.bench.lint.LintBench --repo . --dir bench/target/lint-corpus \
     --files "$FILES" --runs "$RUNS" --details bench/target/lint-disagreements.md \
     --sources bench/lint/real-sources.txt --jars "$JARS" | tee ${OUT:+"$OUT"}
