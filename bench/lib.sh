# Shared pieces of the benchmark scripts (sourced, not run): finding a JDK 21+, building the jar,
# a free port, and stopping the server started in the background.

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
