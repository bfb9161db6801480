#!/bin/bash
# The online checksum's per-side query over the online bench's 2M-row orders_seed, with a NULL marker for every column
# (before 2026-12-03) against one for the nullable column only: server CPU (mariadbd's utime+stime, which steal on a
# VM does not inflate) and wall time, alternated. Needs the seed table: run the online bench once first.
# Usage: bench/online/checksum-markers-mariadb.sh [ROUNDS] (root on the local server, as the online bench; run as root).
R=${1:-5}; DB=dbshift_bench_online
pid=$(pidof mariadbd) || { echo "no mariadbd running here" >&2; exit 1; }
tck=$(getconf CLK_TCK)
cpu() { awk -v t="$tck" '{print int(($14+$15)*1000/t)}' "/proc/$pid/stat"; }
COLS="id, customer_id, status, amount, note, created_at"
ALL="CONCAT(ISNULL(id), ISNULL(customer_id), ISNULL(status), ISNULL(amount), ISNULL(note), ISNULL(created_at))"
q() { echo "SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('#', $COLS, $1))), 0) FROM orders_seed WHERE id > 0"; }
run() {
  local a s e b; a=$(cpu); s=$(date +%s%N)
  mariadb -uroot -N -B "$DB" -e "$1" >/dev/null || exit 1
  e=$(date +%s%N); b=$(cpu); echo "$((b - a)) $(( (e - s) / 1000000 ))"
}
median() { tr ' ' '\n' | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ac=(); aw=(); nc=(); nw=()
for r in $(seq 1 "$R"); do
  read -r c w < <(run "$(q "$ALL")"); ac+=("$c"); aw+=("$w")
  read -r c w < <(run "$(q "CONCAT(ISNULL(note))")"); nc+=("$c"); nw+=("$w")
done
echo "marker per column:   server CPU ms ${ac[*]} (median $(echo "${ac[*]}" | median)), wall ms ${aw[*]} (median $(echo "${aw[*]}" | median))"
echo "nullable column only: server CPU ms ${nc[*]} (median $(echo "${nc[*]}" | median)), wall ms ${nw[*]} (median $(echo "${nw[*]}" | median))"
