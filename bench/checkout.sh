#!/usr/bin/env bash
# The checkout under load on PostgreSQL (issue 11): CLIENTS (default 16) concurrent cash desks over N (default 10,000)
# customers, each doing accept-payment then send-purchase of a 5-item bill that gets 2 automated rewards, one of the
# customer's vouchers and a points payment (bench/checkout-project.yaml), against pgbench running the same writes as
# one SQL script with the same number of clients, in the same sitting. Phases: warm-up; as fast as possible
# (purchases/s, accept and send p50/p99, the time the outbox then needs to deliver the events, and the sustained rate
# counting that time); pgbench; Patron paced at half the sustained rate (the p99s the targets are about). Prints one
# line per phase, the ratio send-purchase purchases/s ÷ pgbench transactions/s and the targets.
#
# Usage: bench/checkout.sh      (PostgreSQL on 127.0.0.1:5432, database test, user postgres; needs psql and pgbench)
# SECONDS_EACH (default 20) per phase after a WARMUP (default 10) s warm-up. Schema $SCHEMA (default
# patron_checkout_bench) is dropped and created afresh each run. VOUCHERS (default 40) vouchers per customer for
# Patron, PG_VOUCHERS (default 10) for pgbench: a cash desk presents a fresh one each purchase, so N × VOUCHERS
# bounds the purchases of a run (the client says so if its customers run out).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

N=${N:-10000}
CLIENTS=${CLIENTS:-16}
SECONDS_EACH=${SECONDS_EACH:-20}
WARMUP=${WARMUP:-10}
SCHEMA=${SCHEMA:-patron_checkout_bench}
VOUCHERS=${VOUCHERS:-40}
PG_VOUCHERS=${PG_VOUCHERS:-10}
# the points a purchase pays with (worth 0.5 CZK each)
MAX_POINTS=20

JAVA=$(find_java)
command -v psql >/dev/null || { echo "psql is missing" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is missing" >&2; exit 1; }
ensure_jar

PORT=$(free_port)
WORK=$(mktemp -d -t patron-checkout.XXXXXX)
SERVER_PID=""
trap stop_server_and_clean EXIT INT TERM

# A fresh schema each run: the vouchers a run uses up and the purchases it writes would otherwise carry over.
"${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade"
export_patron_postgres_env "$SCHEMA" "$PWD/bench/checkout-project.yaml"
start_server_and_wait

# --- the customers: a status that pays by points, a large lot, vouchers ------------------------------
echo "Generating $N customers with $VOUCHERS + $PG_VOUCHERS vouchers each ..." >&2
"${PSQL[@]}" <<SQL
set search_path to $SCHEMA;
set session_replication_role = replica; -- generated data: no audit triggers
insert into customer (id, first_name, last_name, email, email_key, language_id, state, created_at, last_change)
    select 'K' || lpad(g::text, 25, '0'), 'Checkout', 'Bench' || g, 'checkout' || g || '@bench.example.com',
           'checkout' || g || '@bench.example.com', 'en', 1, now(), now()
    from generate_series(1, $N) g;
-- the sign-up status of the project, which lets them pay by points
insert into status_record (id, customer_id, status_id, assigned_by, state, active_customer_id, valid_from, created_at,
                           last_change)
    select 'S' || lpad(g::text, 25, '0'), 'K' || lpad(g::text, 25, '0'), 'cb-regular', 0, 1,
           'K' || lpad(g::text, 25, '0'), now() - interval '1 day', now(), now()
    from generate_series(1, $N) g;
-- a lot of points for the whole run, drawn first (it ends before the lots purchases earn), its movement and balance
insert into loyalty_record (id, customer_id, type_id, currency_id, partner_id, phase, assigned, available, valid_to,
                            created_at, last_change)
    select 'R' || lpad(g::text, 25, '0'), 'K' || lpad(g::text, 25, '0'), 'cb-points', '', 'cb-partner', 'active',
           1000000, 1000000, now() + interval '180 days', now(), now()
    from generate_series(1, $N) g;
insert into loyalty_movement (id, customer_id, type_id, currency_id, operation, amount, available_change,
                              pending_change, record_id, partner_id, created_at)
    select 'M' || lpad(g::text, 25, '0'), 'K' || lpad(g::text, 25, '0'), 'cb-points', '', 'assign', 1000000, 1000000,
           0, 'R' || lpad(g::text, 25, '0'), 'cb-partner', now()
    from generate_series(1, $N) g;
insert into loyalty_balance (id, customer_id, type_id, currency_id, available, pending, last_change)
    select 'B' || lpad(g::text, 25, '0'), 'K' || lpad(g::text, 25, '0'), 'cb-points', '', 1000000, 0, now()
    from generate_series(1, $N) g;
-- unused vouchers of the reward CB-VOUCHER15: CBV-<customer>-<k> for Patron, CBP-<customer>-<k> for pgbench
insert into voucher (id, code, reward_id, customer_id, source, state, created_at, last_change)
    select 'V-' || g || '-' || k, 'CBV-' || g || '-' || k, 'cb-voucher', 'K' || lpad(g::text, 25, '0'), 'batch', 1,
           now(), now()
    from generate_series(1, $N) g, generate_series(1, $VOUCHERS) k;
insert into voucher (id, code, reward_id, customer_id, source, state, created_at, last_change)
    select 'P-' || g || '-' || k, 'CBP-' || g || '-' || k, 'cb-voucher', 'K' || lpad(g::text, 25, '0'), 'batch', 1,
           now(), now()
    from generate_series(1, $N) g, generate_series(1, $PG_VOUCHERS) k;
analyze;
SQL

TOKEN=$(login_token)
# ids the requests name (Ids.stable: the first 26 hex digits of SHA-256 of kind, NUL, natural key)
read -r CURRENCY PURCHASE_TYPE < <(python3 -c '
import hashlib
s = lambda kind, key: hashlib.sha256(f"{kind}\0{key}".encode()).hexdigest()[:26]
print(s("currency", "CZK"), s("purchase_type", "store_purchase"))')

# --- Patron: CLIENTS cash desks doing accept-payment + send-purchase --------------------------------
# Each desk owns the customers n ≡ desk (mod CLIENTS) and goes round them; round r presents voucher CBV-<n>-<r>.
# How far each desk got is kept in $WORK/desks.json, so that later phases go on with fresh vouchers.
patron() { # $1 = phase name, $2 = purchases/s for all desks (0: as fast as possible), $3 = seconds
    PORT=$PORT TOKEN=$TOKEN CLIENTS=$CLIENTS N=$N VOUCHERS=$VOUCHERS MAX_POINTS=$MAX_POINTS PHASE=$1 RATE=$2 \
    DURATION=$3 CURRENCY=$CURRENCY PURCHASE_TYPE=$PURCHASE_TYPE STATE="$WORK/desks.json" SUMMARY="$WORK/phase.json" \
    python3 - <<'PY'
import http.client, json, os, random, sys, threading, time
env = os.environ
port, token, clients, n = int(env["PORT"]), env["TOKEN"], int(env["CLIENTS"]), int(env["N"])
vouchers, max_points, rate, duration = int(env["VOUCHERS"]), int(env["MAX_POINTS"]), float(env["RATE"]), float(env["DURATION"])
phase, currency, purchase_type = env["PHASE"], env["CURRENCY"], env["PURCHASE_TYPE"]
base = "/webservice/rest-api/enterprise-interface/v1.0/purchases/actions/"
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
try:
    with open(env["STATE"]) as f:
        done = json.load(f)
except FileNotFoundError:
    done = [0] * clients
run = f"{int(time.time())}"
# CB-1, CB-2: the brand reward; CB-3, CB-4: the group reward; CB-5: the voucher's group
ITEMS = (("CB-1", 500), ("CB-2", 400), ("CB-3", 300), ("CB-4", 200), ("CB-5", 100))
accept_ms, send_ms, purchases, errors, short, ran_out = [], [], [0], [0], [0], [0]
first = {}
lock = threading.Lock()
stop = time.perf_counter() + duration

def call(conn, action, body):
    start = time.perf_counter()
    try:
        conn.request("POST", base + action, json.dumps(body), headers)
        answer = conn.getresponse()
        status, data = answer.status, answer.read()
    except (http.client.HTTPException, OSError) as e:
        conn.close()  # the next request opens a new connection
        status, data = 0, repr(e).encode()
    return status, data, (time.perf_counter() - start) * 1000

def failed(what, status, data):
    with lock:
        errors[0] += 1
        if "error" not in first:
            first["error"] = f"{what}: HTTP {status} {data[:600].decode(errors='replace')}"

def desk(c):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    mine = list(range(c + 1, n + 1, clients))
    interval = clients / rate if rate > 0 else 0
    next_at = time.perf_counter() + random.Random(c).random() * interval
    k = done[c]
    while time.perf_counter() < stop:
        if interval:
            delay = next_at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            next_at += interval
        number, round_ = mine[k % len(mine)], k // len(mine) + 1
        if round_ > vouchers:
            with lock:
                ran_out[0] += 1
            break
        k += 1
        customer = "K" + str(number).zfill(25)
        bill = {"bill_id": f"CB-{run}-{c}-{k}", "currency_id": currency, "total_price": sum(p for _, p in ITEMS),
                "payment_time": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(time.time() - 3600)),
                "bill_items": [{"plu_ids": [{"list_code": "GLOBAL", "code": code}], "plu_name": code, "vat_rate": 21,
                                "quantity": 1, "price": price, "paid_amount": price, "bill_item_id": str(i + 1),
                                "loyalty_off": False} for i, (code, price) in enumerate(ITEMS)]}
        status, data, took = call(conn, "accept-payment", {
            "store_id": "cb-store", "cashdesk_number": c + 1, "customer_id": customer, "payment_type": "A",
            "max_points": max_points, "benefit_codes": [f"CBV-{number}-{round_}"], "bill": bill})
        with lock:
            accept_ms.append(took)
        if status // 100 != 2:
            failed("accept-payment", status, data)
            continue
        answer = json.loads(data)["data"]
        # the workload is what it claims: both automated rewards, the voucher, the points
        codes = {d["discount_code"] for d in answer.get("recommended_discounts") or []}
        if (len(codes) != 2 or len(answer.get("vouchers") or []) != 1
                or float(answer.get("credit_points") or 0) != max_points):
            with lock:
                short[0] += 1
                first.setdefault("short", json.dumps(answer)[:600])
        final = dict(bill, purchase_type_id=purchase_type, canceled=False, payment_type="A",
                     payment_recap={"credit_points": answer.get("credit_points"), "vouchers": answer.get("vouchers")})
        status, data, took = call(conn, "send-purchase", {
            "store_id": "cb-store", "cashdesk_number": c + 1, "customer_id": customer, "bill": final})
        with lock:
            send_ms.append(took)
            if status // 100 == 2:
                purchases[0] += 1
        if status // 100 != 2:
            failed("send-purchase", status, data)
    done[c] = k

threads = [threading.Thread(target=desk, args=(i,)) for i in range(clients)]
began = time.perf_counter()
[t.start() for t in threads]
[t.join() for t in threads]
elapsed = time.perf_counter() - began
with open(env["STATE"], "w") as f:
    json.dump(done, f)
with open(env["SUMMARY"], "w") as f:
    json.dump({"purchases": purchases[0], "elapsed": elapsed}, f)
for key, text in (("error", "first error"), ("short", "an answer without both rewards, the voucher or the points")):
    if key in first:
        print(f"  {text}: {first[key]}", file=sys.stderr)
if ran_out[0]:
    print(f"  {ran_out[0]} desks ran out of vouchers (raise VOUCHERS)", file=sys.stderr)
def p(values, q):
    values.sort()
    return values[max(0, int(len(values) * q) - 1)] if values else float("nan")
print(f"{phase:44} {purchases[0] / elapsed:8.1f} purchases/s  accept p50 {p(accept_ms, 0.5):6.2f} p99 "
      f"{p(accept_ms, 0.99):6.2f} ms  send p50 {p(send_ms, 0.5):6.2f} p99 {p(send_ms, 0.99):6.2f} ms  "
      f"non-2xx {errors[0]}" + (f"  short {short[0]}" if short[0] else ""))
PY
}

# After a Patron phase: waits for the outbox, prints the wait and the sustained rate, leaves it in SUSTAINED.
sustained() {
    local drain
    drain=$(drain_outbox "$SCHEMA")
    SUSTAINED=$(python3 -c "
import json
s = json.load(open('$WORK/phase.json'))
print(round(s['purchases'] / (s['elapsed'] + float('${drain#>}')), 1))")
    printf '%-44s %8s purchases/s  (outbox drained in %s s after the phase)\n' "  sustained, counting the outbox" \
        "$SUSTAINED" "$drain"
}

echo "Warm-up ($WARMUP s) ..." >&2
patron "warm-up" 0 "$WARMUP" >/dev/null
drain_outbox "$SCHEMA" >/dev/null
PATRON_LINE=$(patron "Patron, $CLIENTS desks, $N customers" 0 "$SECONDS_EACH")
echo "$PATRON_LINE"
MAX=$(echo "$PATRON_LINE" | awk '{for (i = 1; i <= NF; i++) if ($i == "purchases/s") print $(i-1)}')
sustained

# --- pgbench: the same writes as one SQL script ------------------------------------------------------
# What send-purchase writes in its one transaction (PurchaseService.send and what it calls), in its order:
#   lock the customer's row (the wallet lock, CustomerService.lockStanding)
#   insert the purchase; insert its 5 items
#   pay by points (LedgerService.spend): the lock again, the spendable sum, the first spendable lot; draw from it,
#     insert the redemption record, its draw row and its movement, update the balance, insert the event
#     points.redeemed; update the purchase with the redemption
#   the automated rewards (RewardCheckout.commit): for each, lock the reward's row, insert its use
#   the voucher: look it up by code and lock it, mark it used, insert its use, insert the event voucher.used
#   insert the purchase's 5 benefit rows (one per discounted item)
#   earn (LedgerService.earn): the lock again, insert the lot and its movement, update the balance, insert the event
#     points.assigned; insert the purchase's earning, mark the purchase earned
#   insert the event purchase.sent
# Amounts and ids as Patron writes them (26-character ids; final amounts before points, 10 CZK of points on the
# first item). pgbench is the cheaper side: the benefits and items go in one multi-row insert each, it skips the reads
# send-purchase repeats under the lock (statuses, rules, rewards, reservations, debts), and its events are inserted
# as delivered (the same row; Patron's poller must not pick them up while pgbench runs). It uses its own vouchers
# (CBP-...), chosen at random: one used before is marked used again, the same update.
PRODUCTS=$("${PSQL[@]}" -tA -F' ' -c "select id from $SCHEMA.product where code in ('CB-1','CB-2','CB-3','CB-4','CB-5')
    order by code")
read -r P1 P2 P3 P4 P5 <<<"$(echo "$PRODUCTS" | tr '\n' ' ')"
C="'K' || lpad(:c::text, 25, '0')"
EVENT="insert into $SCHEMA.outbox_event (id, event_type, aggregate_id, payload, occurred_at, state, attempts,
    next_attempt_at, delivered_at) values (substr(md5(random()::text), 1, 26)"
cat >"$WORK/checkout.sql" <<SQL
\set c random(1, $N)
\set k random(1, $PG_VOUCHERS)
begin;
select state from $SCHEMA.customer where id = $C for update;
insert into $SCHEMA.purchase (id, customer_id, store_id, bill_id, type_id, payment_type, payment_time, currency_id,
    total_price, paid_total, cashdesk_number, canceled, credit_points, credit_amount, points_earned, created_at,
    last_change)
    values (substr(md5(random()::text), 1, 26), $C, 'cb-store', 'PG-' || md5(random()::text), '$PURCHASE_TYPE', 'A',
    now(), '$CURRENCY', 1500, 1370, ':client_id', false, 0, 0, false, now(), now()) returning id \gset p_
insert into $SCHEMA.purchase_item (id, purchase_id, position, bill_item_id, product_id, plu_name, plu_ids, quantity,
    price, paid_amount, final_amount, points_paid, vat_rate, loyalty_off) values
    (substr(md5(random()::text), 1, 26), ':p_id', 0, '1', '$P1', 'CB-1', 'GLOBAL:CB-1', 1, 500, 500, 450, 10, 21, false),
    (substr(md5(random()::text), 1, 26), ':p_id', 1, '2', '$P2', 'CB-2', 'GLOBAL:CB-2', 1, 400, 400, 360, 0, 21, false),
    (substr(md5(random()::text), 1, 26), ':p_id', 2, '3', '$P3', 'CB-3', 'GLOBAL:CB-3', 1, 300, 300, 285, 0, 21, false),
    (substr(md5(random()::text), 1, 26), ':p_id', 3, '4', '$P4', 'CB-4', 'GLOBAL:CB-4', 1, 200, 200, 190, 0, 21, false),
    (substr(md5(random()::text), 1, 26), ':p_id', 4, '5', '$P5', 'CB-5', 'GLOBAL:CB-5', 1, 100, 100, 85, 0, 21, false);
select state from $SCHEMA.customer where id = $C for update;
select sum(available) from $SCHEMA.loyalty_record where customer_id = $C and type_id = 'cb-points'
    and currency_id = '' and phase = 'active' and available > 0 and (valid_to is null or valid_to >= now());
select id from $SCHEMA.loyalty_record where customer_id = $C and type_id = 'cb-points' and currency_id = ''
    and phase = 'active' and available > 0 and (valid_to is null or valid_to >= now())
    order by valid_to nulls last, created_at, id limit 1 \gset lot_
update $SCHEMA.loyalty_record set available = available - $MAX_POINTS, last_change = now() where id = ':lot_id';
insert into $SCHEMA.loyalty_record (id, customer_id, type_id, currency_id, partner_id, store_id, phase, assigned,
    available, note, created_at, last_change)
    values (substr(md5(random()::text), 1, 26), $C, 'cb-points', '', 'cb-partner', 'cb-store', 'redemption',
    -$MAX_POINTS, 0, 'Purchase PG', now(), now()) returning id \gset red_
insert into $SCHEMA.loyalty_draw (id, redemption_id, lot_id, amount)
    values (substr(md5(random()::text), 1, 26), ':red_id', ':lot_id', $MAX_POINTS);
insert into $SCHEMA.loyalty_movement (id, customer_id, type_id, currency_id, operation, amount, available_change,
    pending_change, record_id, partner_id, store_id, note, extended_data, created_at)
    values (substr(md5(random()::text), 1, 26), $C, 'cb-points', '', 'redeem', -$MAX_POINTS, -$MAX_POINTS, 0,
    ':red_id', 'cb-partner', 'cb-store', 'Purchase PG',
    '{"point_id":":red_id","lots":[{"point_id":":lot_id","amount":$MAX_POINTS}]}', now());
update $SCHEMA.loyalty_balance set available = available - $MAX_POINTS, last_change = now()
    where customer_id = $C and type_id = 'cb-points' and currency_id = '';
$EVENT, 'points.redeemed', $C, '{"customer_id":"K","point_type_id":"cb-points","point_id":":red_id","amount":$MAX_POINTS}',
    now(), 'delivered', 1, now(), now());
update $SCHEMA.purchase set credit_points = $MAX_POINTS, point_type_id = 'cb-points', point_redemption_id = ':red_id',
    credit_amount = 0, credit_type_id = null, credit_redemption_id = null where id = ':p_id';
select id from $SCHEMA.reward where id = 'cb-auto-brand' for update;
insert into $SCHEMA.reward_use (id, reward_id, customer_id, purchase_id, amount, created_at)
    values (substr(md5(random()::text), 1, 26), 'cb-auto-brand', $C, ':p_id', 90, now());
select id from $SCHEMA.reward where id = 'cb-auto-group' for update;
insert into $SCHEMA.reward_use (id, reward_id, customer_id, purchase_id, amount, created_at)
    values (substr(md5(random()::text), 1, 26), 'cb-auto-group', $C, ':p_id', 25, now());
select id from $SCHEMA.voucher where code = 'CBP-' || :c || '-' || :k for update \gset v_
update $SCHEMA.voucher set applied_at = now(), store_id = 'cb-store', voucher_value = 15, last_change = now()
    where id = ':v_id';
insert into $SCHEMA.reward_use (id, reward_id, voucher_id, customer_id, purchase_id, amount, created_at)
    values (substr(md5(random()::text), 1, 26), 'cb-voucher', ':v_id', $C, ':p_id', 15, now());
$EVENT, 'voucher.used', $C, '{"voucher_id":":v_id","customer_id":"K","reward_id":"cb-voucher"}', now(), 'delivered', 1,
    now(), now());
insert into $SCHEMA.purchase_benefit (id, purchase_id, position, kind, code, name, reward_id, voucher_id, bill_item_id,
    discount, percent) values
    (substr(md5(random()::text), 1, 26), ':p_id', 0, 'recommended_discount', 'CB-AUTO-NORDIC10', '10 % off Nordic',
     'cb-auto-brand', null, '1', 50, 10),
    (substr(md5(random()::text), 1, 26), ':p_id', 1, 'recommended_discount', 'CB-AUTO-NORDIC10', '10 % off Nordic',
     'cb-auto-brand', null, '2', 40, 10),
    (substr(md5(random()::text), 1, 26), ':p_id', 2, 'recommended_discount', 'CB-AUTO-SOCKS5', '5 % off socks',
     'cb-auto-group', null, '3', 15, 5),
    (substr(md5(random()::text), 1, 26), ':p_id', 3, 'recommended_discount', 'CB-AUTO-SOCKS5', '5 % off socks',
     'cb-auto-group', null, '4', 10, 5),
    (substr(md5(random()::text), 1, 26), ':p_id', 4, 'voucher', 'CBP-' || :c || '-' || :k, '15 % off caps',
     'cb-voucher', ':v_id', '5', 15, 15);
select state from $SCHEMA.customer where id = $C for update;
insert into $SCHEMA.loyalty_record (id, customer_id, type_id, currency_id, partner_id, store_id, phase, assigned,
    available, valid_to, note, created_at, last_change)
    values (substr(md5(random()::text), 1, 26), $C, 'cb-points', '', 'cb-partner', 'cb-store', 'active', 136, 136,
    date_trunc('year', now()) + interval '2 years' - interval '1 second', 'Purchase PG', now(), now()) returning id \gset lot2_
insert into $SCHEMA.loyalty_movement (id, customer_id, type_id, currency_id, operation, amount, available_change,
    pending_change, record_id, partner_id, store_id, note, extended_data, created_at)
    values (substr(md5(random()::text), 1, 26), $C, 'cb-points', '', 'earn', 136, 136, 0, ':lot2_id', 'cb-partner',
    'cb-store', 'Purchase PG', '{"point_id":":lot2_id","valid_to":"2027-12-31 23:59:59"}', now());
update $SCHEMA.loyalty_balance set available = available + 136, last_change = now()
    where customer_id = $C and type_id = 'cb-points' and currency_id = '';
$EVENT, 'points.assigned', $C, '{"customer_id":"K","point_type_id":"cb-points","point_id":":lot2_id","amount":136}',
    now(), 'delivered', 1, now(), now());
insert into $SCHEMA.purchase_earning (id, purchase_id, customer_id, point_type_id, lot_id, amount, created_at)
    values (substr(md5(random()::text), 1, 26), ':p_id', $C, 'cb-points', ':lot2_id', 136, now());
update $SCHEMA.purchase set points_earned = true, last_change = now() where id = ':p_id';
$EVENT, 'purchase.sent', ':p_id', '{"purchase_id":":p_id","customer_id":"K","store_id":"cb-store","bill_id":"PG",
    "total_price":1500,"currency_id":"$CURRENCY"}', now(), 'delivered', 1, now(), now());
commit;
SQL
PGBENCH_OUT=$(pgbench -h 127.0.0.1 -U postgres -n -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" -f "$WORK/checkout.sql" test \
    2>&1) || { echo "$PGBENCH_OUT" >&2; exit 1; }
PG_TPS=$(echo "$PGBENCH_OUT" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
PG_LAT=$(echo "$PGBENCH_OUT" | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p')
PG_FAILED=$(echo "$PGBENCH_OUT" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
printf '%-44s %8.1f purchases/s  (latency average %s ms per purchase, failed %s)\n' \
    "pgbench, $CLIENTS clients, $N customers" "$PG_TPS" "$PG_LAT" "${PG_FAILED:-0}"

HALF=$(python3 -c "print(round($SUSTAINED / 2, 1))")
PACED_LINE=$(patron "Patron paced at half ($HALF purchases/s)" "$HALF" "$SECONDS_EACH")
echo "$PACED_LINE"
echo "  (outbox drained in $(drain_outbox "$SCHEMA") s)" >&2

MAX=$MAX SUSTAINED=$SUSTAINED PG_TPS=$PG_TPS PACED_LINE=$PACED_LINE python3 - <<'PY'
import os, re
e = os.environ
maximum, sustained, pg = float(e["MAX"]), float(e["SUSTAINED"]), float(e["PG_TPS"])
accept99, send99 = (float(x) for x in re.findall(r"p99 +([0-9.na]+)", e["PACED_LINE"])[:2])
print(f"ratio send-purchase / pgbench: {maximum / pg:.2f} (sustained, counting the outbox: {sustained / pg:.2f})")
verdict = lambda ok: "met" if ok else "NOT met"
print(f"targets: ratio >= 0.50 {verdict(maximum / pg >= 0.5)}; at half: accept p99 {accept99:.2f} <= 15 ms "
      f"{verdict(accept99 <= 15)}, send p99 {send99:.2f} <= 25 ms {verdict(send99 <= 25)}")
PY
echo "nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg); $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
