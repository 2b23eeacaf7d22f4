#!/usr/bin/env bash
# The loyalty ledger under load on PostgreSQL: CLIENTS (default 16) concurrent clients, each doing assign-points then
# reduce-points (one "pair") on random customers of N (default 10,000), against pgbench running the same statements
# (lock the customer's row, insert the lot / redemption, draw from the lots, insert the movement, update the balance)
# with the same number of clients in the same sitting. Then Patron paced at half its maximum (p99 there), and the
# hot-customer case: every client on one customer, which the wallet lock serializes.
#
# Usage: bench/ledger.sh        (PostgreSQL on 127.0.0.1:5432, database test, user postgres; needs psql and pgbench)
# SECONDS_EACH (default 20) per phase after a WARMUP (default 10) s warm-up. Schema $SCHEMA (default patron_ledger_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

N=${N:-10000}
CLIENTS=${CLIENTS:-16}
SECONDS_EACH=${SECONDS_EACH:-20}
WARMUP=${WARMUP:-10}
SCHEMA=${SCHEMA:-patron_ledger_bench}

JAVA=$(find_java)
command -v psql >/dev/null || { echo "psql is missing" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is missing" >&2; exit 1; }
ensure_jar

PORT=$(free_port)
WORK=$(mktemp -d -t patron-ledger.XXXXXX)
SERVER_PID=""
trap stop_server_and_clean EXIT INT TERM

cat >"$WORK/project.yaml" <<YAML
partners:
  - id: benchpartner
    text_id: bench-partner
    name: Bench partner
point_types:
  - id: benchpoints
    text_id: bench_points
    name: Bench points
    is_default: true
    expiry_policy: end_of_year
    expiry_period: 1
YAML

export_patron_postgres_env "$SCHEMA" "$WORK/project.yaml"

start_server_and_wait

# --- the customers, once ------------------------------------------------------------------------
HAVE=$("${PSQL[@]}" -tAc "select count(*) from $SCHEMA.customer where id like 'L%'")
if [[ "$HAVE" -lt "$N" ]]; then
    echo "Generating $N customers ..." >&2
    "${PSQL[@]}" <<SQL
set search_path to $SCHEMA;
insert into customer (id, first_name, last_name, email, email_key, language_id, state, created_at, last_change)
    select 'L' || lpad(g::text, 25, '0'), 'Ledger', 'Bench' || g, 'ledger' || g || '@bench.example.com',
           'ledger' || g || '@bench.example.com', 'en', 1, now(), now()
    from generate_series(1, $N) g
on conflict do nothing;
-- every customer starts with a zero balance row (Patron creates it with the first movement; pgbench only updates)
insert into loyalty_balance (id, customer_id, type_id, currency_id, available, pending, last_change)
    select 'B' || lpad(g::text, 25, '0'), 'L' || lpad(g::text, 25, '0'), 'benchpoints', '', 0, 0, now()
    from generate_series(1, $N) g
on conflict do nothing;
analyze customer;
SQL
fi

TOKEN=$(login_token)

# --- Patron: CLIENTS clients doing assign + reduce --------------------------------------------
patron() { # $1 = phase name, $2 = customers (N or 1), $3 = pairs/s for all clients (0: as fast as possible), $4 = seconds
    PORT=$PORT TOKEN=$TOKEN CLIENTS=$CLIENTS PHASE=$1 CUSTOMERS=$2 RATE=$3 DURATION=$4 python3 - <<'PY'
import http.client, json, os, random, threading, time
port, token, clients = int(os.environ["PORT"]), os.environ["TOKEN"], int(os.environ["CLIENTS"])
customers, rate, duration = int(os.environ["CUSTOMERS"]), float(os.environ["RATE"]), float(os.environ["DURATION"])
base = "/webservice/rest-api/enterprise-interface/v1.0/points/actions/"
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
latencies, pairs, errors, lock = [], [0], [0], threading.Lock()
stop = time.perf_counter() + duration
def client(n):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    rng = random.Random(n)
    interval = clients / rate if rate > 0 else 0
    next_at = time.perf_counter() + rng.random() * interval
    while time.perf_counter() < stop:
        if interval:
            delay = next_at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            next_at += interval
        customer = "L" + str(rng.randint(1, customers)).zfill(25)
        for action, amount in (("assign-points", 10), ("reduce-points", 5)):
            body = json.dumps({"customer_id": customer, "partner_id": "benchpartner", "amount": amount})
            start = time.perf_counter()
            conn.request("POST", base + action, body, headers)
            answer = conn.getresponse()
            answer.read()
            took = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(took)
                if answer.status != 201:
                    errors[0] += 1
        with lock:
            pairs[0] += 1
threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
began = time.perf_counter()
[t.start() for t in threads]
[t.join() for t in threads]
elapsed = time.perf_counter() - began
latencies.sort()
p = lambda q: latencies[max(0, int(len(latencies) * q) - 1)]
print(f"{os.environ['PHASE']:34} {pairs[0] / elapsed:9.1f} pairs/s  requests p50 {p(0.5):6.2f} ms  p99 {p(0.99):6.2f} ms"
      f"  non-201 {errors[0]}")
PY
}

# Every ledger write publishes events that the outbox delivers after the commit (automation records them, segments
# and tiers follow them): that work shares the machine. After each phase the script waits until the outbox is empty
# (drain_outbox, bench/lib.sh); the sustained rate counts that wait, and pgbench never runs beside a backlog.

echo "Warm-up ($WARMUP s) ..." >&2
patron "warm-up" "$N" 0 "$WARMUP" >/dev/null
drain_outbox "$SCHEMA" >/dev/null
PATRON_LINE=$(patron "Patron, $CLIENTS clients, $N customers" "$N" 0 "$SECONDS_EACH")
echo "$PATRON_LINE"
MAX=$(echo "$PATRON_LINE" | awk '{for (i = 1; i <= NF; i++) if ($i == "pairs/s") print $(i-1)}')
DRAINED=$(drain_outbox "$SCHEMA")
SUSTAINED=$(python3 -c "print(round($MAX * $SECONDS_EACH / ($SECONDS_EACH + $DRAINED), 1))")
echo "  outbox emptied $DRAINED s after the phase: sustained $SUSTAINED pairs/s"

# --- pgbench: the same statements ---------------------------------------------------------------
cat >"$WORK/pair.sql" <<SQL
\set c random(1, $N)
begin;
select state from $SCHEMA.customer where id = 'L' || lpad(:c::text, 25, '0') for update;
insert into $SCHEMA.loyalty_record (id, customer_id, type_id, currency_id, partner_id, phase, assigned, available,
    valid_to, created_at, last_change)
    values (substr(md5(random()::text), 1, 32), 'L' || lpad(:c::text, 25, '0'), 'benchpoints', '',
    'benchpartner', 'active', 10, 10, now() + interval '1 year', now(), now());
insert into $SCHEMA.loyalty_movement (id, customer_id, type_id, currency_id, operation, amount, available_change,
    pending_change, partner_id, created_at)
    values (substr(md5(random()::text), 1, 32), 'L' || lpad(:c::text, 25, '0'), 'benchpoints', '', 'assign', 10, 10, 0,
    'benchpartner', now());
update $SCHEMA.loyalty_balance set available = available + 10, last_change = now()
    where customer_id = 'L' || lpad(:c::text, 25, '0') and type_id = 'benchpoints' and currency_id = '';
commit;
begin;
select state from $SCHEMA.customer where id = 'L' || lpad(:c::text, 25, '0') for update;
select sum(available) from $SCHEMA.loyalty_record where customer_id = 'L' || lpad(:c::text, 25, '0')
    and type_id = 'benchpoints' and currency_id = '' and phase = 'active' and available > 0;
select id, available from $SCHEMA.loyalty_record where customer_id = 'L' || lpad(:c::text, 25, '0')
    and type_id = 'benchpoints' and currency_id = '' and phase = 'active' and available > 0
    order by valid_to nulls last, created_at, id limit 1 \gset lot_
update $SCHEMA.loyalty_record set available = available - 5, last_change = now() where id = ':lot_id';
insert into $SCHEMA.loyalty_record (id, customer_id, type_id, currency_id, partner_id, phase, assigned, available,
    created_at, last_change)
    values (substr(md5(random()::text), 1, 32), 'L' || lpad(:c::text, 25, '0'), 'benchpoints', '', 'benchpartner',
    'redemption', -5, 0, now(), now());
insert into $SCHEMA.loyalty_movement (id, customer_id, type_id, currency_id, operation, amount, available_change,
    pending_change, partner_id, created_at)
    values (substr(md5(random()::text), 1, 32), 'L' || lpad(:c::text, 25, '0'), 'benchpoints', '', 'redeem', -5, -5, 0,
    'benchpartner', now());
update $SCHEMA.loyalty_balance set available = available - 5, last_change = now()
    where customer_id = 'L' || lpad(:c::text, 25, '0') and type_id = 'benchpoints' and currency_id = '';
commit;
SQL
# (pgbench leaves out the draw row and the redemption's foreign key to it: it is the cheaper side of the comparison)
PGBENCH_OUT=$(pgbench -h 127.0.0.1 -U postgres -n -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" -f "$WORK/pair.sql" test 2>&1)
PG_TPS=$(echo "$PGBENCH_OUT" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
PG_LAT=$(echo "$PGBENCH_OUT" | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p')
printf '%-34s %9.1f pairs/s  (latency average %s ms per pair)\n' "pgbench, $CLIENTS clients, $N customers" "$PG_TPS" "$PG_LAT"

HALF=$(python3 -c "print(round($SUSTAINED / 2, 1))")
patron "Patron paced at half ($HALF pairs/s)" "$N" "$HALF" "$SECONDS_EACH"
echo "  outbox emptied $(drain_outbox "$SCHEMA") s after the phase"
patron "Patron, $CLIENTS clients, 1 hot customer" 1 0 "$SECONDS_EACH"
echo "  outbox emptied $(drain_outbox "$SCHEMA") s after the phase"
python3 -c "print(f'ratio Patron / pgbench: {$MAX / $PG_TPS:.2f} (requests answered), {$SUSTAINED / $PG_TPS:.2f} (sustained)')"
echo "nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg); $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
