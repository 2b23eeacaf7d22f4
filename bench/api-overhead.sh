#!/usr/bin/env bash
# What the API's own machinery (authentication, envelope, rate limit) costs per request:
# starts Patron on 127.0.0.1, then measures with wrk
#   (a) the bare, unauthenticated /actuator/health/liveness (the baseline),
#   (b) an authenticated GET /tests/connection (gate + envelope, no database work),
#   (c) an authenticated GET /countries?count=10 (gate + a real list query),
#   (d) for reference, (b) without credentials (anonymous: the gate without token checking),
#   (e) an authenticated GET /customers/{id} (gate + one customer read with its records),
# and prints requests/s, p50, p99 and the ratios to (a); the server's start-up time to ready and its idle resident
# memory (RSS) before any traffic. With PRISM=1 it also measures (c) and (e) against Prism (`prism mock` of the same
# contract, the stateless mock integrators use as a sandbox) with the same wrk settings, and prints Patron / Prism.
#
# Usage: bench/api-overhead.sh [--postgres]
#   --postgres   use the PostgreSQL at 127.0.0.1:5432 (database test, user postgres, schema
#                patron_bench_run) instead of the embedded H2, so every request's rate-limit
#                check is a database transaction
# Environment: DURATION (15s), WARMUP (10s), CONNECTIONS (32), THREADS (2), JAVA_OPTS, JAR (another build),
#              PRISM (0; 1 needs `npx prism` or PRISM_BIN, e.g. from `npm install @stoplight/prism-cli`);
#              passed to Patron: PATRON_RATE_LIMIT_OPTIMIZATION (delaying | batching | none) and
#              PATRON_RATE_LIMIT_ENABLED (true), see docs/performance.md.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DB=h2
if [[ "${1:-}" == "--postgres" ]]; then
    DB=postgres
fi

LOGIN=bench@patron.test
PASSWORD=Bench-Password-42
ENTERPRISE_APP=bench-enterprise-app
CUSTOMER_APP=bench-customer-app

# --- a JDK 21+ (the default java may be older) -----------------------------------------------
JAVA=$(find_java)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }

ensure_jar

# --- start Patron ----------------------------------------------------------------------------
PORT=$(free_port)
WORK=$(mktemp -d -t patron-bench.XXXXXX)
SERVER_PID=""
trap stop_server_and_clean EXIT INT TERM

export PORT PATRON_DATA_DIR="$WORK/data"
export PATRON_BOOTSTRAP_LOGIN=$LOGIN PATRON_BOOTSTRAP_PASSWORD=$PASSWORD
export PATRON_BOOTSTRAP_ENTERPRISE_APP_ID=$ENTERPRISE_APP PATRON_BOOTSTRAP_CUSTOMER_APP_ID=$CUSTOMER_APP
export PATRON_RATE_LIMIT_ENABLED=${PATRON_RATE_LIMIT_ENABLED:-true}
export PATRON_RATE_LIMIT_REQUESTS_PER_SECOND=1000000 PATRON_RATE_LIMIT_BURST=1000000
export PATRON_LOG_FORMAT= LOGGING_LEVEL_ROOT=warn
export SERVER_ADDRESS=127.0.0.1
if [[ "$DB" == postgres ]]; then
    # A fresh schema each run, so that builds with different migrations can be compared in turn.
    psql -q -h 127.0.0.1 -U postgres -d test -c "drop schema if exists patron_bench_run cascade"
    export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=patron_bench_run"
    export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
    export SPRING_FLYWAY_SCHEMAS=patron_bench_run
fi

STARTED_AT=$(date +%s.%N)
start_server_and_wait
READY_SECONDS_TAKEN=$(python3 -c "import time; print(f'{time.time() - $STARTED_AT:.1f}')")
IDLE_RSS_MB=$(( $(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status") / 1024 ))

API="$ROOT/webservice/rest-api/enterprise-interface/v1.0"
TOKEN=$(curl -fs -m 30 -X POST "$API/users/actions/login" -H 'Content-Type: application/json' \
    -d "{\"user_external_application_id\":\"$ENTERPRISE_APP\",\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" \
    | sed -n 's/.*"bearer_token" *: *"\([^"]*\)".*/\1/p')
[[ -n "$TOKEN" ]] || { echo "Login failed" >&2; exit 1; }
AUTH="Authorization: Bearer $TOKEN"

# Sanity: each endpoint answers 200 before it is measured.
curl -fs -m 30 -o /dev/null "$ROOT/actuator/health/liveness"
curl -fs -m 30 -o /dev/null -H "$AUTH" "$API/tests/connection?test_string=abc"
curl -fs -m 30 -o /dev/null -H "$AUTH" "$API/countries?count=10"
SOURCE_ID=$(curl -fs -m 30 -H "$AUTH" "$API/customer-sources?count=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["customer_sources"][0]["customer_source_id"])')
CUSTOMER_ID=$(curl -fs -m 30 -X POST -H "$AUTH" -H 'Content-Type: application/json' "$API/customers" \
    -d '{"customer":{"personal_information":{"first_name":"Eva","last_name":"Bench","email":"eva@bench.example.com",
         "language_id":"en"}},"customer_source":{"customer_source_id":"'"$SOURCE_ID"'"},"autologin":false}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["customer_id"])')
curl -fs -m 30 -o /dev/null -H "$AUTH" "$API/customers/$CUSTOMER_ID"

# wrk prints one machine-readable line at the end of a run.
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

run_wrk() { # duration url [header]
    local duration=$1 url=$2
    shift 2
    local args=(-t "$THREADS" -c "$CONNECTIONS" -d "$duration" --latency -s "$WORK/report.lua")
    if [[ $# -gt 0 ]]; then
        args+=(-H "$1")
    fi
    timeout 300 wrk "${args[@]}" "$url"
}

declare -A URLS=(
    [a]="$ROOT/actuator/health/liveness"
    [b]="$API/tests/connection?test_string=abc"
    [c]="$API/countries?count=10"
    [d]="$API/tests/connection?test_string=abc"
    [e]="$API/customers/$CUSTOMER_ID"
)
declare -A NAMES=(
    [a]="(a) GET /actuator/health/liveness, no auth (baseline)"
    [b]="(b) GET /tests/connection?test_string=abc, Bearer"
    [c]="(c) GET /countries?count=10, Bearer"
    [d]="(d) GET /tests/connection?test_string=abc, anonymous (reference)"
    [e]="(e) GET /customers/{id}, Bearer"
)
declare -A RESULTS

echo "Patron on $ROOT ($DB), $("$JAVA" -version 2>&1 | head -1); wrk -t$THREADS -c$CONNECTIONS, warm-up $WARMUP, run $DURATION" >&2
SCENARIOS=(a b c d e)
with_auth() { [[ "$1" == b || "$1" == c || "$1" == e ]]; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# The warm-up curve of a fresh server: GET /customers/{id} in 5 s slices from the first request on (issue 15: within
# 90 % of the steady rate after at most 15 s of traffic). The steady rate is (e), measured after the warm-ups.
CURVE=()
if [[ "${CURVE_SLICES:-12}" -gt 0 ]]; then
    for _ in $(seq 1 "${CURVE_SLICES:-12}"); do
        CURVE+=("$(run_wrk 5s "${URLS[e]}" "$AUTH" | grep '^RESULT' | cut -d' ' -f2)")
    done
fi
for s in "${SCENARIOS[@]}"; do
    header=()
    if with_auth "$s"; then header=("$AUTH"); fi
    echo "warming up $s ..." >&2
    run_wrk "$WARMUP" "${URLS[$s]}" "${header[@]}" >/dev/null
done
for s in "${SCENARIOS[@]}"; do
    header=()
    if with_auth "$s"; then header=("$AUTH"); fi
    echo "measuring $s ..." >&2
    out=$(run_wrk "$DURATION" "${URLS[$s]}" "${header[@]}")
    RESULTS[$s]=$(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)
done

# --- report ----------------------------------------------------------------------------------
base_rps=$(cut -d' ' -f1 <<<"${RESULTS[a]}")
echo
echo "Database: $DB; rate limit enabled: $PATRON_RATE_LIMIT_ENABLED, optimization: ${PATRON_RATE_LIMIT_OPTIMIZATION:-delaying (default)}; nproc $(nproc); $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo);" \
     "$("$JAVA" -version 2>&1 | head -1); wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up each);" \
     "load average before warm-up $LOAD_BEFORE, after the runs $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Scenario | Requests/s | p50 (ms) | p99 (ms) | Requests | non-2xx | socket errors | vs (a) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for s in "${SCENARIOS[@]}"; do
    read -r rps p50 p99 total non2xx socket <<<"${RESULTS[$s]}"
    ratio=$(awk -v x="$rps" -v y="$base_rps" 'BEGIN { printf "%.2f", x / y }')
    echo "| ${NAMES[$s]} | $rps | $p50 | $p99 | $total | $non2xx | $socket | $ratio |"
done
echo
for s in b c; do
    rps=$(cut -d' ' -f1 <<<"${RESULTS[$s]}")
    awk -v x="$rps" -v y="$base_rps" -v s="$s" \
        'BEGIN { r = x / y; printf "(%s)/(a) = %.2f  (target >= 0.80: %s)\n", s, r, (r >= 0.8 ? "met" : "missed") }'
done
echo
echo "Start-up to ready: ${READY_SECONDS_TAKEN} s; idle RSS before any request: ${IDLE_RSS_MB} MB"
if [[ ${#CURVE[@]} -gt 0 ]]; then
    steady=$(cut -d' ' -f1 <<<"${RESULTS[e]}")
    echo "Warm-up of (e) from the first request, 5 s slices (req/s; share of the steady $steady):"
    i=0; reached=""
    for rps in "${CURVE[@]}"; do
        i=$((i + 5))
        share=$(awk -v x="$rps" -v y="$steady" 'BEGIN { printf "%.2f", x / y }')
        printf '  %3d s  %8s  %s\n' "$i" "$rps" "$share"
        if [[ -z "$reached" ]] && awk -v r="$share" 'BEGIN { exit !(r >= 0.9) }'; then reached=$i; fi
    done
    echo "90 % of the steady rate reached in the slice ending at: ${reached:-not within $((i)) s} s (target <= 15 s)"
fi

# --- Prism, the stateless mock of the same contract ---------------------------------------------
if [[ "${PRISM:-0}" == 1 ]]; then
    PRISM_BIN=${PRISM_BIN:-$(command -v prism || echo "npx --no-install prism")}
    PRISM_PORT=$(free_port)
    # shellcheck disable=SC2086
    $PRISM_BIN mock -h 127.0.0.1 -p "$PRISM_PORT" "${CONTRACT:-../shared/carecloud-openapi.yaml}" >"$WORK/prism.log" 2>&1 &
    PRISM_PID=$!
    trap 'kill $PRISM_PID 2>/dev/null || true; stop_server_and_clean' EXIT INT TERM
    for _ in $(seq 1 60); do
        curl -fs -m 5 -o /dev/null -H "$AUTH" "http://127.0.0.1:$PRISM_PORT/countries?count=10" && break
        sleep 1
    done
    declare -A PRISM_URLS=([c]="http://127.0.0.1:$PRISM_PORT/countries?count=10"
                           [e]="http://127.0.0.1:$PRISM_PORT/customers/$CUSTOMER_ID")
    echo
    echo "| Prism ($($PRISM_BIN --version 2>/dev/null | tail -1)) | Requests/s | p50 (ms) | p99 (ms) | non-2xx | Patron / Prism |"
    echo "|---|---:|---:|---:|---:|---:|"
    for s in c e; do
        run_wrk "$WARMUP" "${PRISM_URLS[$s]}" "$AUTH" >/dev/null
        read -r rps p50 p99 _ non2xx _ <<<"$(run_wrk "$DURATION" "${PRISM_URLS[$s]}" "$AUTH" | grep '^RESULT' | cut -d' ' -f2-)"
        patron_rps=$(cut -d' ' -f1 <<<"${RESULTS[$s]}")
        echo "| ${NAMES[$s]} | $rps | $p50 | $p99 | $non2xx | $(awk -v x="$patron_rps" -v y="$rps" 'BEGIN { printf "%.1f", x / y }') |"
    done
    kill "$PRISM_PID" 2>/dev/null || true
fi
