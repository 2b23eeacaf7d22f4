# Shared pieces of the benchmark scripts (sourced, not run): finding a JDK 21+, building the jar,
# a free port, starting and stopping the server in the background, its environment on PostgreSQL, the
# login, and waiting for the outbox to drain.

# psql on the benchmarks' database (PostgreSQL on 127.0.0.1:5432, database test, user postgres).
PSQL=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test)

java_major() {
    "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}

# The newest JDK 21+ from JAVA_HOME, /usr/lib/jvm or the PATH (the default java may be older).
find_java() {
    local best="" best_major=0 candidate major
    for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
        [[ -x "$candidate" ]] || continue
        major=$(java_major "$candidate")
        if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best_major" ]]; then
            best=$candidate
            best_major=$major
        fi
    done
    [[ -n "$best" ]] || { echo "No JDK 21+ found (looked at JAVA_HOME and /usr/lib/jvm)" >&2; exit 1; }
    echo "$best"
}

ensure_jar() {
    if [[ ! -f target/patron.jar ]]; then
        echo "Building target/patron.jar ..." >&2
        ./mvnw -q -B -DskipTests package
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Stops the server whose pid is in SERVER_PID (politely, then for good) and removes WORK; for `trap`.
stop_server_and_clean() {
    if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 1
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    [[ -n "${WORK:-}" ]] && rm -rf "$WORK"
    return 0
}

# Starts ${JAR:-target/patron.jar} in the background (log in $WORK/server.log, pid in SERVER_PID,
# base address in ROOT) and waits until it is ready (READY_SECONDS, default 120); shows the log's end and exits if
# it never is.
start_server_and_wait() {
    # shellcheck disable=SC2086
    "$JAVA" ${JAVA_OPTS:-} -jar "${JAR:-target/patron.jar}" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    ROOT="http://127.0.0.1:$PORT"
    local i
    local limit=${READY_SECONDS:-120}
    for i in $(seq 1 "$limit"); do
        if curl -fs -m 30 "$ROOT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null || [[ "$i" == "$limit" ]]; then
            echo "Patron did not become ready; its log:" >&2
            tail -50 "$WORK/server.log" >&2
            exit 1
        fi
        sleep 1
    done
}

# Exports what Patron needs to run a benchmark on PostgreSQL schema $1 (created by Flyway at start) with the project
# file $2 (optional): listening on 127.0.0.1:$PORT with its data in $WORK/data, the bootstrap user and applications
# (LOGIN, PASSWORD, ENTERPRISE_APP, CUSTOMER_APP: the script's, or the defaults set here), a rate limit that never
# refuses, warnings only in the log.
export_patron_postgres_env() {
    local schema=$1 project=${2:-}
    LOGIN=${LOGIN:-bench@patron.test}
    PASSWORD=${PASSWORD:-Bench-Password-42}
    ENTERPRISE_APP=${ENTERPRISE_APP:-bench-enterprise-app}
    CUSTOMER_APP=${CUSTOMER_APP:-bench-customer-app}
    export PORT PATRON_DATA_DIR="$WORK/data" SERVER_ADDRESS=127.0.0.1
    if [[ -n "$project" ]]; then
        export PATRON_PROJECT_FILE=$project
    fi
    export PATRON_BOOTSTRAP_LOGIN=$LOGIN PATRON_BOOTSTRAP_PASSWORD=$PASSWORD
    export PATRON_BOOTSTRAP_ENTERPRISE_APP_ID=$ENTERPRISE_APP PATRON_BOOTSTRAP_CUSTOMER_APP_ID=$CUSTOMER_APP
    export PATRON_RATE_LIMIT_REQUESTS_PER_SECOND=1000000 PATRON_RATE_LIMIT_BURST=1000000
    export PATRON_LOG_FORMAT= LOGGING_LEVEL_ROOT=warn
    export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema"
    export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
    export SPRING_FLYWAY_SCHEMAS=$schema
}

# Prints the bearer token of the bootstrap user (LOGIN, PASSWORD, ENTERPRISE_APP) of the server at ROOT.
login_token() {
    curl -fs -m 30 -X POST "$ROOT/webservice/rest-api/enterprise-interface/v1.0/users/actions/login" \
        -H 'Content-Type: application/json' \
        -d "{\"user_external_application_id\":\"$ENTERPRISE_APP\",\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["bearer_token"])'
}

# Waits until the outbox of schema $1 has no pending event left (the events a phase published are delivered, so the
# next phase does not share the machine with their delivery) and prints how long that took, in seconds. Gives up
# after DRAIN_SECONDS (default 600) and prints what it waited with a '>' in front.
drain_outbox() {
    local schema=$1 limit=${DRAIN_SECONDS:-600} start now pending
    start=$(date +%s.%N)
    while true; do
        pending=$("${PSQL[@]}" -tAc "select count(*) from $schema.outbox_event where state = 'pending'")
        now=$(date +%s.%N)
        if [[ "$pending" == 0 ]]; then
            python3 -c "print(f'{$now - $start:.1f}')"
            return 0
        fi
        if python3 -c "import sys; sys.exit(0 if $now - $start >= $limit else 1)"; then
            echo "outbox of $schema still has $pending pending events after $limit s" >&2
            python3 -c "print(f'>{$now - $start:.1f}')"
            return 0
        fi
        sleep 0.5
    done
}
