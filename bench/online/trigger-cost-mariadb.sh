#!/bin/bash
# What a capture trigger costs the application on MariaDB: the online bench's writer (updates 50 %, inserts 25 %,
# deletes 25 %, each its own autocommit transaction) against its 2M-row `orders`, with no trigger and with triggers
# doing what dbshift's do during the copy (read the control row under a share lock that skips a locked row, then append
# the key to the change log) and each half of that, alternated. Needs the bench's tables: run the online bench once
# first, and `mvn -q -B -ntp -Pbench -pl core,bench -am package -DskipTests`.
# Usage: bench/online/trigger-cost-mariadb.sh [ROUNDS] [SECONDS] (root on the local server, as the online bench).
R=${1:-3}; S=${2:-8}; DB=dbshift_bench_online
root=$(cd "$(dirname "$0")/../.." && pwd)
probe() { java -cp "$root/bench/target/dbshift-bench.jar" dev.dbshift.bench.online.WriterProbe "jdbc:mariadb://127.0.0.1:3306/$DB" root 2000000 "$S"; }
sql() { mariadb -uroot "$DB" "$@"; }
if [ "$(mariadb -uroot -N -B -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB' AND TABLE_NAME = 'orders'" 2>/dev/null)" != 1 ]; then
  echo "no table $DB.orders on the local server: run the online bench once first (bench/README-online.md)" >&2
  exit 2
fi
if [ ! -f "$root/bench/target/dbshift-bench.jar" ]; then
  echo "no bench/target/dbshift-bench.jar: mvn -q -B -ntp -Pbench -pl core,bench -am package -DskipTests" >&2
  exit 2
fi
sql -e "DROP TABLE IF EXISTS x_ctl, x_chg; CREATE TABLE x_ctl (id INT PRIMARY KEY, sync TINYINT NOT NULL); INSERT INTO x_ctl VALUES (1, 0);
        CREATE TABLE x_chg (seq BIGINT AUTO_INCREMENT PRIMARY KEY, id BIGINT NOT NULL)"
# triggers BODY: one AFTER trigger per event on orders with BODY (KEY stands for the row's key); none when BODY is empty
triggers() {
  sql -e "DROP TRIGGER IF EXISTS x_i; DROP TRIGGER IF EXISTS x_u; DROP TRIGGER IF EXISTS x_d"
  [ -z "$1" ] && return
  sql <<SQL
DELIMITER //
CREATE TRIGGER x_i AFTER INSERT ON orders FOR EACH ROW BEGIN DECLARE m TINYINT; ${1//KEY/NEW.id} END//
CREATE TRIGGER x_u AFTER UPDATE ON orders FOR EACH ROW BEGIN DECLARE m TINYINT; ${1//KEY/OLD.id} END//
CREATE TRIGGER x_d AFTER DELETE ON orders FOR EACH ROW BEGIN DECLARE m TINYINT; ${1//KEY/OLD.id} END//
DELIMITER ;
SQL
}
trap 'triggers ""; sql -e "DROP TABLE IF EXISTS x_ctl, x_chg"' EXIT
names=("no trigger" "empty trigger" "append the key" "read the control row (share lock)" "read the control row (plain)"
       "dbshift's: read under share lock, then append")
bodies=("" "SET m = 0;" "INSERT INTO x_chg (id) VALUES (KEY);"
        "SELECT MAX(sync) INTO m FROM x_ctl WHERE id = 1 LOCK IN SHARE MODE SKIP LOCKED;"
        "SELECT MAX(sync) INTO m FROM x_ctl WHERE id = 1;"
        "SELECT MAX(sync) INTO m FROM x_ctl WHERE id = 1 LOCK IN SHARE MODE SKIP LOCKED; IF m <=> 0 THEN INSERT INTO x_chg (id) VALUES (KEY); END IF;")
for r in $(seq 1 "$R"); do
  for i in "${!names[@]}"; do
    triggers "${bodies[$i]}"
    printf 'round %s  %-48s %s\n' "$r" "${names[$i]}:" "$(probe)"
  done
done
