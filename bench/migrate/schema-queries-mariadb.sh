#!/bin/bash
# The six information_schema queries of a MariaDB schema read, in one session and split over two sessions at once.
# Usage: bench/migrate/schema-queries-mariadb.sh DATABASE [ROUNDS] (root on 127.0.0.1:3306, as the migrate bench).
D=${1:?database}; R=${2:-12}
Q1="select TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, IS_GENERATED, GENERATION_EXPRESSION, COLLATION_NAME from information_schema.COLUMNS where TABLE_SCHEMA='$D' order by TABLE_NAME, ORDINAL_POSITION;"
Q2="select TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE from information_schema.STATISTICS where TABLE_SCHEMA='$D' order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX;"
Q3="select TABLE_NAME, TABLE_TYPE, TABLE_COLLATION from information_schema.TABLES where TABLE_SCHEMA='$D' order by TABLE_NAME;"
Q4="select TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT from information_schema.TRIGGERS where TRIGGER_SCHEMA='$D';"
Q5="select TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE from information_schema.CHECK_CONSTRAINTS where CONSTRAINT_SCHEMA='$D';"
Q6="select TABLE_NAME, VIEW_DEFINITION from information_schema.VIEWS where TABLE_SCHEMA='$D';"
m() { mariadb -uroot -h127.0.0.1 -N -B -e "$1" > /dev/null; }
serial=(); par=()
for r in $(seq 1 "$R"); do
  s=$(date +%s%N); m "$Q1 $Q2 $Q3 $Q4 $Q5 $Q6"; e=$(date +%s%N); serial+=($(( (e-s)/1000000 )))
  s=$(date +%s%N); m "$Q1 $Q4 $Q6" & m "$Q2 $Q3 $Q5" & wait; e=$(date +%s%N); par+=($(( (e-s)/1000000 )))
done
echo "serial ms: ${serial[*]}"; echo "parallel ms: ${par[*]}"
