#!/usr/bin/env bash
# Start-up and idle memory of the README's run command (issue 15): `./patron --demo`, the demo project on the
# embedded database, started several times on the same data directory. The first start creates the database,
# imports the demo and records the ahead-of-time cache (target/patron.aot, JDK 25+; the script removes the previous
# one first); the second is the one a developer waits for every day. For each start: seconds from the command to a
# ready answer of /actuator/health/readiness, the application's own "Started ... in N seconds", and the resident
# memory (RSS) of Patron's JVM once it has idled for IDLE seconds. Then, for comparison, the same for
# `./mvnw spring-boot:run` (the former run command) and for `java -jar target/patron.jar --demo` without options.
#
# Usage: bench/startup.sh            Settings: IDLE (default 30 s), RUNS (second starts measured, default 3)
# Needs a quiet machine: on two busy cores a start takes several times as long.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

IDLE=${IDLE:-30}
RUNS=${RUNS:-3}
JAVA=$(find_java)
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$JAVA")")")}
./mvnw -q -B -o -DskipTests package >/dev/null 2>&1 || ./mvnw -q -B -DskipTests package >/dev/null

WORK=$(mktemp -d -t patron-startup.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The JVM that serves the port (the run command forks one below Maven).
server_pid() {
    local port=$1
    ss -ltnpH "sport = :$port" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1
}

# Runs one start of "$@" serving $PORT; prints "ready_s started_s rss_mb" and stops it.
measure() {
    local port=$1; shift
    local log="$WORK/start-$port-$RANDOM.log"
    local started_at pid ready
    started_at=$(date +%s.%N)
    "$@" >"$log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    for _ in $(seq 1 1200); do
        if curl -fs -m 5 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
            break
        fi
        kill -0 "$pid" 2>/dev/null || { echo "did not start; log:" >&2; tail -30 "$log" >&2; exit 1; }
        sleep 0.1
    done
    ready=$(python3 -c "import time; print(f'{time.time() - $started_at:.1f}')")
    sleep "$IDLE"
    local jvm rss app
    jvm=$(server_pid "$port")
    rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$jvm/status") / 1024 ))
    app=$(grep -o 'Started PatronApplication in [0-9.]*' "$log" | awk '{print $4}' | head -1)
    kill "$jvm" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # an ahead-of-time cache is written when the JVM exits: wait until it is gone
    while kill -0 "$jvm" 2>/dev/null; do sleep 0.2; done
    echo "$ready ${app:-?} $rss"
}

PORT=$(free_port)
DATA="$WORK/run-data"
rm -rf target/run target/patron.aot
RUN=(./patron --demo "--server.port=$PORT" "--patron.data-dir=$DATA")
echo "README run command (./patron --demo), data in a new directory; ${IDLE} s idle before RSS"
read -r ready app rss < <(measure "$PORT" "${RUN[@]}")
printf '  first start    ready %6s s (application %6s s)  idle RSS %5s MB  cache %s MB\n' "$ready" "$app" "$rss" \
    "$(du -m target/patron.aot 2>/dev/null | cut -f1)"
for i in $(seq 1 "$RUNS"); do
    read -r ready app rss < <(measure "$PORT" "${RUN[@]}")
    printf '  second start %d  ready %6s s (application %6s s)  idle RSS %5s MB\n' "$i" "$ready" "$app" "$rss"
done

DATA1="$WORK/mvn-data"
MVN=(./mvnw -q -B -o spring-boot:run "-Dspring-boot.run.arguments=--demo --server.port=$PORT --patron.data-dir=$DATA1")
echo "./mvnw spring-boot:run (the former run command), data in a new directory"
read -r ready app rss < <(measure "$PORT" "${MVN[@]}")
printf '  first start    ready %6s s (application %6s s)  idle RSS %5s MB\n' "$ready" "$app" "$rss"
read -r ready app rss < <(measure "$PORT" "${MVN[@]}")
printf '  second start   ready %6s s (application %6s s)  idle RSS %5s MB\n' "$ready" "$app" "$rss"

DATA2="$WORK/jar-data"
JAR=("$JAVA" -jar target/patron.jar --demo "--server.port=$PORT" "--patron.data-dir=$DATA2")
echo "java -jar target/patron.jar --demo, no JVM options"
read -r ready app rss < <(measure "$PORT" "${JAR[@]}")
printf '  first start    ready %6s s (application %6s s)  idle RSS %5s MB\n' "$ready" "$app" "$rss"
read -r ready app rss < <(measure "$PORT" "${JAR[@]}")
printf '  second start   ready %6s s (application %6s s)  idle RSS %5s MB\n' "$ready" "$app" "$rss"
echo "nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg)"
