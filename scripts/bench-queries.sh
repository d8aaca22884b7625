#!/usr/bin/env bash
# The query benchmarks, each pair side by side, with ratios:
#  1. building the SQL of a lookup by e-mail, generated vs hand-written
#     SeaORM, counted in instructions (callgrind; start-up subtracted by
#     also running 0 iterations);
#  2. end to end on Postgres: generated find_by_email vs hand-written
#     SeaORM vs raw sqlx, and 10,000 typed inserts vs COPY.
# Needs valgrind and a Postgres server (see tests/harness).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20000}
# PROFILE=dev measures unoptimised builds (quicker to build, slower to run).
PROFILE=${PROFILE:-bench}

exe=$(cargo bench --profile "$PROFILE" -p hingecraft-runtime --bench query_sql --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n1)
[ -x "$exe" ] || { echo "could not build the query_sql bench" >&2; exit 1; }

instructions() { # side iterations -> instructions counted
  local out
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$exe" "$1" "$2" >/dev/null 2>&1
  sed -n 's/^summary: \([0-9]*\).*/\1/p' "$out"
  rm -f "$out"
}

declare -A per
for side in generated hand; do
  full=$(instructions "$side" "$N")
  base=$(instructions "$side" 0)
  per[$side]=$(( (full - base) / N ))
  echo "SQL building, $side: $(( full - base )) instructions for $N statements, ${per[$side]} each"
done
awk -v g="${per[generated]}" -v h="${per[hand]}" 'BEGIN { printf "SQL building, ratio generated/hand: %.3f (target <= 1.00)\n", g / h }'

cargo bench -q --profile "$PROFILE" -p hingecraft-runtime --bench query_pg 2>/dev/null
