#!/usr/bin/env bash
# The product recommendation engine at scale: N customers (default 1,000,000) with about three purchases of one to
# four products each (a skewed choice among PRODUCTS products in 200 groups; the first purchase of 2% of the
# customers cancelled) in PostgreSQL, then
#  1. the refresh (the job's run at start: the "Recommendations refreshed in N ms" log line),
#  2. the latency of recommendation calls (product combine and shopping-cart combine, random customers and carts,
#     CALLS calls each over THREADS connections): p50, p95, p99 and max as the client sees them.
#
# Usage: bench/recommendations.sh   (PostgreSQL on 127.0.0.1:5432, database test, user postgres; schema $SCHEMA)
# The data is generated once (kept in the schema); a run takes minutes at the default size: do not run it on a
# machine others are measuring on.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

N=${N:-1000000}
PRODUCTS=${PRODUCTS:-20000}
CALLS=${CALLS:-2000}
WARMUP=${WARMUP:-60}  # seconds of calls before the measured ones
THREADS=${THREADS:-4}
SCHEMA=${SCHEMA:-patron_reco_bench}
READY_SECONDS=${READY_SECONDS:-900}
LOGIN=bench@patron.test
PASSWORD=Bench-Password-42
ENTERPRISE_APP=bench-enterprise-app
PSQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test)

JAVA=$(find_java)
command -v psql >/dev/null || { echo "psql is missing" >&2; exit 1; }
ensure_jar

PORT=$(free_port)
WORK=$(mktemp -d -t patron-reco.XXXXXX)
SERVER_PID=""
trap stop_server_and_clean EXIT INT TERM

export PORT PATRON_DATA_DIR="$WORK/data" SERVER_ADDRESS=127.0.0.1
export PATRON_BOOTSTRAP_LOGIN=$LOGIN PATRON_BOOTSTRAP_PASSWORD=$PASSWORD
export PATRON_BOOTSTRAP_ENTERPRISE_APP_ID=$ENTERPRISE_APP PATRON_BOOTSTRAP_CUSTOMER_APP_ID=bench-customer-app
export PATRON_RATE_LIMIT_REQUESTS_PER_SECOND=1000000 PATRON_RATE_LIMIT_BURST=1000000
export PATRON_PROJECT_FILE="$PWD/bench/recommendations-project.yaml"
export PATRON_LOG_FORMAT= LOGGING_LEVEL_ROOT=warn LOGGING_LEVEL_IO_PATRON_RECOMMENDATION=info
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA"
export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
export SPRING_FLYWAY_SCHEMAS=$SCHEMA

await_refresh() {
    local i
    for i in $(seq 1 3600); do
        if grep -q "Recommendations refreshed in" "$WORK/server.log"; then
            grep "Recommendations refreshed in" "$WORK/server.log" | sed 's/.*Recommendations/Recommendations/'
            return 0
        fi
        sleep 1
    done
    echo "The refresh did not finish; the log:" >&2
    tail -30 "$WORK/server.log" >&2
    exit 1
}

# --- generate the history once ------------------------------------------------------------------------------------
# (with the history there already, the start below is the only one: its refresh is the one measured)
# the score tables of a million customers (~1.5 GB) are read by random keys: with PostgreSQL's default 128 MB of
# shared buffers most reads go to the operating system's cache, which this machine's memory reclaim empties
SHARED_BUFFERS=$("${PSQL[@]}" -tAc "show shared_buffers")
echo "PostgreSQL shared_buffers: $SHARED_BUFFERS" >&2
if [ "$("${PSQL[@]}" -tAc "select setting::bigint * 8192 < 1024^3 from pg_settings where name = 'shared_buffers'")" = t ]; then
    echo "warning: shared_buffers below 1 GB; the figures of docs/performance.md were taken with 4GB" \
         "(alter system set shared_buffers = '4GB', then restart PostgreSQL)" >&2
fi
HAVE=$("${PSQL[@]}" -tAc "select count(*) from $SCHEMA.customer where id like 'r%'" 2>/dev/null || echo 0)
if [[ "$HAVE" -lt "$N" ]]; then
    start_server_and_wait   # Flyway creates the schema, the project file the store
    # the start's refresh of an empty history; the next start refreshes the generated one
    await_refresh >/dev/null
    echo "Generating $N customers, $PRODUCTS products and their purchases ..." >&2
    START=$(date +%s)
    "${PSQL[@]}" <<SQL
set search_path to $SCHEMA;
set session_replication_role = replica; -- generated data: no audit triggers
delete from purchase_item where purchase_id like 'rp%';
delete from purchase where id like 'rc%';
delete from purchase where id like 'rp%';
delete from customer where id like 'r%';
delete from product_plu where product_id like 'rx%';
delete from product where id like 'rx%';
delete from product_group where id like 'rg%';
insert into product_group (id, external_id, state, last_change)
    select 'rg' || lpad(g::text, 24, '0'), 'bench-group-' || g, 1, now() from generate_series(1, 200) g;
insert into product (id, code, group_id, state, last_change)
    select 'rx' || lpad(p::text, 24, '0'), 'BP' || p, 'rg' || lpad((1 + p % 200)::text, 24, '0'), 1, now()
    from generate_series(1, $PRODUCTS) p;
insert into product_plu (list_code, code, product_id)
    select 'GLOBAL', 'BENCH-' || p, 'rx' || lpad(p::text, 24, '0') from generate_series(1, $PRODUCTS) p;
insert into customer (id, first_name, last_name, email, email_key, language_id, country_code, state, created_at, last_change)
    select 'r' || lpad(g::text, 25, '0'), 'First' || (g % 5000), 'Last' || (g % 20000),
           'reco' || g || '@bench.example.com', 'reco' || g || '@bench.example.com', 'en', 'CZ', 1,
           now() - (g % 730) * interval '1 day', now()
    from generate_series(1, $N) g;
-- purchase k of customer g (k = 0..2 for two thirds of the customers, 0..3 for the rest)
insert into purchase (id, customer_id, store_id, bill_id, type_id, payment_type, payment_time, currency_id,
                      total_price, paid_total, canceled, created_at, last_change)
    select 'rp' || lpad(g::text, 20, '0') || k, 'r' || lpad(g::text, 25, '0'), 'bench-store',
           'BENCH-' || g || '-' || k, 'bench', 'S', now() - ((g + k * 37) % 365) * interval '1 day', 'CZK',
           100, 100, false, now(), now()
    from generate_series(1, $N) g, generate_series(0, 3) k
    where k < 3 or g % 3 = 0;
-- one to four items each; products skewed towards low numbers (a few best sellers, a long tail), with a
-- customer-specific favourite group so that co-purchases have structure
insert into purchase_item (id, purchase_id, position, bill_item_id, product_id, plu_ids, quantity, price,
                           paid_amount, final_amount, loyalty_off)
    select 'ri' || lpad(g::text, 20, '0') || k || i, 'rp' || lpad(g::text, 20, '0') || k, i, i::text,
           'rx' || lpad((1 + ((g % 200) + 200 * floor(power(random(), 3) * ($PRODUCTS / 200))::int) % $PRODUCTS)::text, 24, '0'),
           '[]', 1, 100, 100, 100, false
    from generate_series(1, $N) g, generate_series(0, 3) k, generate_series(1, 4) i
    where (k < 3 or g % 3 = 0) and i <= 1 + (g + k) % 4;
-- the first purchase of 2% of the customers cancelled: a cancellation purchase names each
insert into purchase (id, customer_id, store_id, bill_id, bill_number, type_id, payment_type, payment_time,
                      currency_id, total_price, paid_total, canceled, cancels_id, created_at, last_change)
    select 'rc' || substr(id, 3), customer_id, store_id, 'C' || bill_id, bill_id, type_id, payment_type, payment_time,
           currency_id, total_price, paid_total, true, id, now(), now()
    from purchase where id like 'rp%' and (substr(id, 3, 20)::bigint % 50) = 7 and right(id, 1) = '0';
analyze purchase;
analyze purchase_item;
analyze product;
analyze product_plu;
analyze customer;
analyze product_group;
SQL
    echo "Generated in $(( $(date +%s) - START )) s" >&2
fi
"${PSQL[@]}" -tAc "select 'purchases: ' || count(*) from $SCHEMA.purchase where id like 'rp%'"
"${PSQL[@]}" -tAc "select 'items: ' || count(*) from $SCHEMA.purchase_item where purchase_id like 'rp%'"

# --- 1. the refresh ----------------------------------------------------------------------------------------------
stop_server_and_clean_keep_work() {
    local keep=$WORK
    WORK="" stop_server_and_clean
    WORK=$keep
    SERVER_PID=""
}
stop_server_and_clean_keep_work
start_server_and_wait
echo "== 1. refresh over $N customers (run at start) =="
await_refresh

# --- 2. recommendation calls -------------------------------------------------------------------------------------
TOKEN=$(curl -fs -m 30 -X POST "$ROOT/webservice/rest-api/enterprise-interface/v1.0/users/actions/login" \
    -H 'Content-Type: application/json' \
    -d "{\"user_external_application_id\":\"$ENTERPRISE_APP\",\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["bearer_token"])')
echo "== 2. recommendation calls ($CALLS per operation over $THREADS connections) =="
PORT=$PORT TOKEN=$TOKEN N=$N PRODUCTS=$PRODUCTS CALLS=$CALLS THREADS=$THREADS WARMUP=${WARMUP:-60} python3 - <<'PY'
import http.client, json, os, random, threading, time
port, token, n, products = int(os.environ["PORT"]), os.environ["TOKEN"], int(os.environ["N"]), int(os.environ["PRODUCTS"])
calls, threads = int(os.environ["CALLS"]), int(os.environ["THREADS"])
base = "/webservice/rest-api/enterprise-interface/v1.0/recommendation-engine"
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

def customer(g):
    return "r" + str(g).rjust(25, "0")

def product(p):
    return "rx" + str(p).rjust(24, "0")

def run(path, body_of, show=True, threads=threads):
    latencies, empty, lock = [], [0], threading.Lock()
    def worker(seed, count):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port)
        for _ in range(count):
            body = json.dumps(body_of(rng))
            started = time.perf_counter()
            conn.request("POST", base + path, body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            took = (time.perf_counter() - started) * 1000
            if answer.status != 200:
                raise SystemExit(f"{path}: {answer.status} {data[:300]!r}")
            with lock:
                latencies.append(took)
                if not json.loads(data)["data"]["recommended_products_list"]:
                    empty[0] += 1
    workers = [threading.Thread(target=worker, args=(i, calls // threads)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    latencies.sort()
    q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))]
    if show:
        print(f"{path}, {threads} connection{'s' if threads > 1 else ''}: {len(latencies)} calls, p50 {q(0.5):.1f} ms, p95 {q(0.95):.1f} ms, p99 {q(0.99):.1f} ms, "
              f"max {latencies[-1]:.1f} ms, empty answers {empty[0]}")

warm = lambda rng: {"customer_id": customer(rng.randint(1, n)), "count": 10}
warm_until = time.perf_counter() + float(os.environ["WARMUP"])
while time.perf_counter() < warm_until:  # warm-up (JIT, connection pool, caches): about a minute on 2 cores
    run("/product/actions/combine", warm, show=False)
product_call = lambda rng: {"customer_id": customer(rng.randint(1, n)), "count": 10,
    "product_id_list": [product(rng.randint(1, products)) for _ in range(20)]}
cart_call = lambda rng: {"customer_id": customer(rng.randint(1, n)), "count": 10,
    "cart_product_ids": [product(rng.randint(1, products // 10)) for _ in range(3)],
    "product_id_list": [product(rng.randint(1, products)) for _ in range(20)]}
# as fast as THREADS connections go (the machine saturated: the tail is mostly queueing), then one call at a time
run("/product/actions/combine", product_call)
run("/shopping-cart/actions/combine", cart_call)
run("/product/actions/combine", product_call, threads=1)
run("/shopping-cart/actions/combine", cart_call, threads=1)
PY
