#!/usr/bin/env bash
# `migration up` of every migration on a fresh Postgres database, against
# `psql --single-transaction -f` of the same SQL (the statements the runner
# resolves for this server), side by side; prints the ratio.
#
#   scripts/bench-migrate.sh [runs]      (default 3; the median of each is compared)
#
# PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432) must be able to
# create databases.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
ADMIN=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432}
PSQL=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)

cargo build -q -p migration
BIN="${CARGO_TARGET_DIR:-target}/debug/migration"

fresh() {
  "$PSQL" "$ADMIN/postgres" -qX -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1
}
now() { date +%s.%N; }

SQL=$(mktemp)
trap 'rm -f "$SQL"' EXIT
fresh hc_bench_psql
"$BIN" -u "$ADMIN/hc_bench_psql" sql >"$SQL"

runner=(); direct=()
for i in $(seq "$RUNS"); do
  fresh hc_bench_runner
  t0=$(now); "$BIN" -u "$ADMIN/hc_bench_runner" up >/dev/null; t1=$(now)
  runner+=("$(echo "$t1 - $t0" | bc -l)")
  fresh hc_bench_psql
  t0=$(now)
  "$PSQL" "$ADMIN/hc_bench_psql" -qX -v ON_ERROR_STOP=1 --single-transaction -f "$SQL" >/dev/null 2>&1
  t1=$(now)
  direct+=("$(echo "$t1 - $t0" | bc -l)")
  printf 'run %d: migration up %.3f s   psql --single-transaction %.3f s\n' "$i" "${runner[-1]}" "${direct[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
r=$(median "${runner[@]}"); p=$(median "${direct[@]}")
printf 'statements: %d\n' "$(grep -c ';$' "$SQL")"
printf 'median: migration up %.3f s, psql %.3f s, ratio %.3f (target <= 1.10)\n' "$r" "$p" "$(echo "$r / $p" | bc -l)"
"$PSQL" "$ADMIN/postgres" -qX -c "DROP DATABASE IF EXISTS hc_bench_runner" -c "DROP DATABASE IF EXISTS hc_bench_psql" >/dev/null 2>&1
