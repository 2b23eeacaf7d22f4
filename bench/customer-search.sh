#!/usr/bin/env bash
# Search at scale: 1,000,000 customers (each with a customer-source record and a card) in PostgreSQL,
# then the latency of the lookups integrations do at the cash desk and in synchronisation:
# GET /customers?email=, GET /customers?phone=, GET /cards?card_number=,
# GET /customer-source-records?external_id=.
#
# Usage: bench/customer-search.sh            (PostgreSQL on 127.0.0.1:5432, database test, user postgres)
# The schema patron_search (or $SCHEMA) is created by Flyway on the first start of target/patron.jar; the rows are generated
# once with generate_series (a later run reuses them). N (default 1000000) customers; LOOKUPS (default 2000)
# sequential requests per lookup kind over one kept-alive connection, after WARMUP (default 3000) warm-up requests
# of every kind, so that the JIT compiler has settled before the first kind is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

N=${N:-1000000}
LOOKUPS=${LOOKUPS:-2000}
WARMUP=${WARMUP:-3000}
SCHEMA=${SCHEMA:-patron_search}
LOGIN=bench@patron.test
PASSWORD=Bench-Password-42
ENTERPRISE_APP=bench-enterprise-app
CUSTOMER_APP=bench-customer-app
PSQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test)

JAVA=$(find_java)
command -v psql >/dev/null || { echo "psql is missing" >&2; exit 1; }
ensure_jar

# --- start Patron on PostgreSQL (Flyway creates the schema) -----------------------------------
PORT=$(free_port)
WORK=$(mktemp -d -t patron-search.XXXXXX)
SERVER_PID=""
trap stop_server_and_clean EXIT INT TERM

export PORT PATRON_DATA_DIR="$WORK/data" SERVER_ADDRESS=127.0.0.1
export PATRON_BOOTSTRAP_LOGIN=$LOGIN PATRON_BOOTSTRAP_PASSWORD=$PASSWORD
export PATRON_BOOTSTRAP_ENTERPRISE_APP_ID=$ENTERPRISE_APP PATRON_BOOTSTRAP_CUSTOMER_APP_ID=$CUSTOMER_APP
export PATRON_RATE_LIMIT_REQUESTS_PER_SECOND=1000000 PATRON_RATE_LIMIT_BURST=1000000
export PATRON_LOG_FORMAT= LOGGING_LEVEL_ROOT=warn
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA"
export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
export SPRING_FLYWAY_SCHEMAS=$SCHEMA

start_server_and_wait

# --- generate the customers once --------------------------------------------------------------
HAVE=$("${PSQL[@]}" -tAc "select count(*) from $SCHEMA.customer where id like 'b%'")
if [[ "$HAVE" -lt "$N" ]]; then
    echo "Generating $N customers with a source record and a card each ..." >&2
    START=$(date +%s)
    "${PSQL[@]}" <<SQL
set search_path to $SCHEMA;
delete from card where id like 'k%';
delete from customer_source_record where id like 's%';
delete from customer where id like 'b%';
insert into customer_source (id, text_id, state, last_change)
    values ('benchsource000000000000000', 'bench', 1, now()) on conflict do nothing;
insert into card_type (id, text_id, prefix, last_change)
    values ('benchcardtype0000000000000', 'bench', 'BENCH', now()) on conflict do nothing;
insert into customer (id, first_name, last_name, email, email_key, phone, language_id, state, created_at, last_change)
    select 'b' || lpad(g::text, 25, '0'), 'First' || (g % 5000), 'Last' || (g % 20000),
           'customer' || g || '@bench.example.com', 'customer' || g || '@bench.example.com',
           (420600000000 + g)::text, 'en', 1, now(), now()
    from generate_series(1, $N) g;
insert into customer_source_record (id, customer_id, customer_source_id, external_id, last_change)
    select 's' || lpad(g::text, 25, '0'), 'b' || lpad(g::text, 25, '0'), 'benchsource000000000000000',
           'EXT-' || g, now()
    from generate_series(1, $N) g;
insert into card (id, customer_id, card_type_id, card_number, state, created_at, last_change)
    select 'k' || lpad(g::text, 25, '0'), 'b' || lpad(g::text, 25, '0'), 'benchcardtype0000000000000',
           (9000000000000 + g)::text, 1, now(), now()
    from generate_series(1, $N) g;
analyze customer;
analyze customer_source_record;
analyze card;
SQL
    echo "Generated in $(( $(date +%s) - START )) s" >&2
fi

# --- measure ----------------------------------------------------------------------------------
TOKEN=$(curl -fs -m 30 -X POST "$ROOT/webservice/rest-api/enterprise-interface/v1.0/users/actions/login" \
    -H 'Content-Type: application/json' \
    -d "{\"user_external_application_id\":\"$ENTERPRISE_APP\",\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["bearer_token"])')

PORT=$PORT TOKEN=$TOKEN N=$N LOOKUPS=$LOOKUPS WARMUP=$WARMUP python3 - <<'PY'
import http.client, json, os, random, time
port, token, n, lookups = int(os.environ["PORT"]), os.environ["TOKEN"], int(os.environ["N"]), int(os.environ["LOOKUPS"])
WARMUP = int(os.environ["WARMUP"])
base = "/webservice/rest-api/enterprise-interface/v1.0"
conn = http.client.HTTPConnection("127.0.0.1", port)
kinds = [
    ("customer by email", "/customers?email=customer{}@bench.example.com", "customers"),
    ("customer by phone", "/customers?phone={}", "customers"),
    ("card by card number", "/cards?card_number={}", "cards"),
    ("source record by external id", "/customer-source-records?external_id=EXT-{}", "customer_source_records"),
]
def key(kind, g):
    return 420600000000 + g if "phone" in kind else 9000000000000 + g if "card" in kind else g
rng = random.Random(42)
def get(kind, path, field, g):
    conn.request("GET", base + path.format(key(kind, g)), headers={"Authorization": "Bearer " + token})
    answer = conn.getresponse()
    body = answer.read()
    if answer.status != 200 or len(json.loads(body)["data"][field]) != 1:
        raise SystemExit(f"{kind}: unexpected answer {answer.status} {body[:300]!r}")
# Warm-up of every kind first (JIT, connection pool), so that the first kind measured is not penalised.
for i in range(WARMUP):
    for kind, path, field in kinds:
        get(kind, path, field, rng.randint(1, n))
print(f"{'lookup':32} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for kind, path, field in kinds:
    times = []
    for i in range(lookups):
        g = rng.randint(1, n)
        start = time.perf_counter()
        get(kind, path, field, g)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{kind:32} {times[len(times) // 2]:8.2f} {times[int(len(times) * 0.99) - 1]:8.2f} {times[-1]:8.2f}")
PY
echo "N=$N customers, $LOOKUPS sequential lookups each after $WARMUP warm-up rounds; nproc $(nproc); $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
