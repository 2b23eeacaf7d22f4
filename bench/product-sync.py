#!/usr/bin/env python3
"""Product batch synchronisation benchmark client (see product-sync.sh, which starts the server).

Logs in, syncs 10 brands and a small group tree, then posts BATCHES batches of BATCH_SIZE generated
products twice: first as inserts (new PLU ids), then as updates of the same products (new names and
prices). Bodies are generated before the clock starts, so the figures are the server's (plus HTTP).
Prints products/s for both rounds.
"""
import argparse
import concurrent.futures
import http.client
import os
import subprocess
import threading
import json
import sys
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User plus system CPU time of a process so far, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def compiler_cpu_seconds(pid):
    """CPU time of the JVM's JIT compiler threads so far (their names start with C1/C2 CompilerThre)."""
    total = 0.0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0.0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        if "CompilerThre" in name:
            fields = text.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


def backend_pids(application):
    """The PostgreSQL backends serving the server under test (found by their application_name)."""
    env = dict(os.environ, PGPASSWORD=os.environ.get("PG_PASSWORD", ""))
    out = subprocess.run(["psql", "-qAt", "-h", "127.0.0.1", "-U", os.environ.get("PG_USER", "postgres"),
                          "-d", os.environ.get("PG_DATABASE", "test"), "-c",
                          f"select pid from pg_stat_activity where application_name = '{application}'"],
                         capture_output=True, text=True, env=env, check=True).stdout
    return [int(line) for line in out.split()]


class CpuMeter:
    """CPU seconds spent by the server and by its database sessions between start() and stop().

    Throughput moves with whatever else shares the two cores; CPU time per product moves much less,
    so the benchmark reports both."""

    def __init__(self, server_pid, application):
        self.server_pid = server_pid
        self.application = application

    def start(self):
        self.pids = backend_pids(self.application) if self.application else []
        self.server0 = cpu_seconds(self.server_pid) if self.server_pid else 0.0
        self.compiler0 = compiler_cpu_seconds(self.server_pid) if self.server_pid else 0.0
        self.database0 = {pid: cpu_seconds(pid) for pid in self.pids}

    def stop(self):
        server = cpu_seconds(self.server_pid) - self.server0 if self.server_pid else 0.0
        compiler = compiler_cpu_seconds(self.server_pid) - self.compiler0 if self.server_pid else 0.0
        pids = set(self.pids) | set(backend_pids(self.application) if self.application else [])
        database = sum(cpu_seconds(pid) - self.database0.get(pid, 0.0) for pid in pids)
        return server, compiler, database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=18391)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--batches", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--server-pid", type=int, help="the server's process id, to report its CPU time")
    parser.add_argument("--pg-application", help="application_name of the server's database sessions")
    parser.add_argument("--warmup", type=int, default=150,
                        help="batches inserted and updated before the clock starts (other PLU ids), so that the "
                             "server's JIT compiler has done its work, as in a server that has been running")
    parser.add_argument("--currency-id", required=True)
    parser.add_argument("--parallel", type=int, default=1,
                        help="batches in flight at once (one connection each); 1 = one client in sequence")
    parser.add_argument("--with-properties", action="store_true",
                        help="give every product two property records (material, weight_g)")
    args = parser.parse_args()

    base = "/webservice/rest-api/enterprise-interface/v1.0"
    local = threading.local()

    def call(method, path, body, token=None):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(args.host, args.port, timeout=300)
        conn = local.conn
        headers = {"Content-Type": "application/json", "Accept-Language": "en"}
        if token:
            headers["Authorization"] = "Bearer " + token
        payload = body if isinstance(body, (bytes, str)) else json.dumps(body)
        conn.request(method, base + path, body=payload, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.getheader("Connection", "").lower() == "close":
            # the server ends a kept-alive connection after its request limit (Tomcat: 100): open a new one next time
            conn.close()
            del local.conn
        return response.status, data

    status, data = call("POST", "/users/actions/login", {
        "user_external_application_id": args.app_id, "login": args.login, "password": args.password})
    if status != 200:
        sys.exit(f"login failed: {status} {data[:300]!r}")
    token = json.loads(data)["data"]["bearer_token"]

    brands = [{"external_id": f"bench-brand-{i}", "name": f"Bench brand {i}"} for i in range(10)]
    groups = [{"external_id": "bench-root", "name": "Bench root"}]
    for i in range(5):
        groups.append({"external_id": f"bench-{i}", "name": f"Bench {i}", "parent_external_id": "bench-root"})
        for j in range(4):
            groups.append({"external_id": f"bench-{i}-{j}", "name": f"Bench {i}.{j}",
                           "parent_external_id": f"bench-{i}"})
    leaves = [g["external_id"] for g in groups if g["external_id"].count("-") == 2]
    for path, body in (("/product-brands/batch", {"product_brands": brands}),
                       ("/product-groups/batch", {"product_groups": groups})):
        status, data = call("POST", path, body, token)
        if status != 204:
            sys.exit(f"{path}: {status} {data[:300]!r}")

    def bodies(round_name, batches=args.batches, first=0):
        out = []
        for b in range(batches):
            products = []
            for i in range(args.batch_size):
                n = first + b * args.batch_size + i
                product = {
                    "code": f"B{n:07d}",
                    "name": f"{round_name} product {n}",
                    "plu_ids": [{"list_code": "GLOBAL", "code": f"859{n:010d}"},
                                {"list_code": "SKU", "code": f"SKU-{n:07d}"}],
                    "product_brand_external_id": f"bench-brand-{n % 10}",
                    "product_group_external_id": leaves[n % len(leaves)],
                    "prices": [{"currency_id": args.currency_id,
                                "value": (n % 5000) + (99 if round_name == "Updated" else 49) / 100}],
                }
                if args.with_properties:
                    product["property_records"] = [
                        {"property_id": "material", "property_value": "cotton" if n % 2 else "wool"},
                        {"property_id": "weight_g", "property_value": 100 + n % 900}]
                products.append(product)
            out.append(json.dumps({"products": products}).encode())
        return out

    def post(payload):
        t0 = time.perf_counter()
        status, data = call("POST", "/products/batch", payload, token)
        if status != 204:
            raise SystemExit(f"/products/batch: {status} {data[:500]!r}")
        return time.perf_counter() - t0

    # Warm-up products take numbers from 9,000,000 up, so they never share a PLU id with the measured ones.
    for round_name in ("Inserted", "Updated"):
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.parallel) as pool:
            list(pool.map(post, bodies(round_name, args.warmup, 9_000_000)))

    results = {}
    meter = CpuMeter(args.server_pid, args.pg_application)
    for round_name in ("Inserted", "Updated"):
        payloads = bodies(round_name)
        latencies = []
        meter.start()

        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.parallel) as pool:
            latencies.extend(pool.map(post, payloads))
        elapsed = time.perf_counter() - started
        server_cpu, compiler_cpu, database_cpu = meter.stop()
        total = args.batches * args.batch_size
        latencies.sort()
        results[round_name] = total / elapsed
        print(f"{'insert' if round_name == 'Inserted' else 'update'} ({args.parallel} in flight): {total} products in {elapsed:.2f} s = "
              f"{total / elapsed:,.0f} products/s; per batch median {latencies[len(latencies) // 2] * 1000:.0f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms; "
              f"CPU per 1000 products: server {server_cpu * 1000_000 / total:.0f} ms "
              f"(JIT compiler {compiler_cpu * 1000_000 / total:.0f} ms), "
              f"PostgreSQL {database_cpu * 1000_000 / total:.0f} ms")

    status, data = call("GET", "/products?count=1", None, token)
    print(f"products listed: {json.loads(data)['data']['total_items']} "
          f"({args.warmup * args.batch_size} of them from the warm-up)")


if __name__ == "__main__":
    main()
