#!/usr/bin/env bash
# The load test of online migrations: a table of 1,000,000 rows, four
# writers inserting and updating it in a loop, while a generated migration
# adds an index, a unique constraint, a foreign key, a CHECK and a NOT NULL
# to it; the online plan, then the same changes as one blocking
# transaction, in one run (hingecraft-migration/tests/online_load.rs).
#
#   scripts/bench-online.sh
#
# Postgres: 127.0.0.1:5432 or TEST_DATABASE_URL (see tests/harness). Ends
# with one line:
#   online: failed writes N, max stall X ms; blocking: failed writes N, max stall Y ms
set -euo pipefail
cd "$(dirname "$0")/.."
export HINGECRAFT_REQUIRE_PG=1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cargo test -q -p migration --test online_load -- --ignored --nocapture 2>&1 | tee "$out"
grep -E '^online: failed writes [0-9]+, max stall [0-9]+ ms; blocking: failed writes [0-9]+, max stall [0-9]+ ms$' "$out" | tail -n 1
