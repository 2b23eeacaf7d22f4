#!/usr/bin/env bash
# Product batch synchronisation benchmark on PostgreSQL: 100 batches of 1000 products through
# POST /products/batch, once as inserts and once as updates; prints products/s.
#
#   bench/product-sync.sh [--no-build] [--with-properties] [--batches N] [--parallel N] [--warmup N]
#
# Needs PostgreSQL at 127.0.0.1:5432 (database "test", user postgres; override with PG_URL,
# PG_USER, PG_PASSWORD), python3 and a JDK 21+ (found under /usr/lib/jvm when `java` is older).
# The schema patron_catbench is dropped and recreated on every run. JAVA_OPTS are passed to the server
# (e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/sync.jfr to profile it).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

PORT=${PORT:-18391}
SCHEMA=${SCHEMA:-patron_catbench}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
PG_USER=${PG_USER:-postgres}
PG_PASSWORD=${PG_PASSWORD:-}
BUILD=1
CLIENT_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --with-properties) CLIENT_ARGS+=(--with-properties) ;;
    --batches) CLIENT_ARGS+=(--batches "$2"); shift ;;
    --parallel) CLIENT_ARGS+=(--parallel "$2"); shift ;;
    --warmup) CLIENT_ARGS+=(--warmup "$2"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

JAVA=$(find_java)

if [ "$BUILD" = 1 ]; then
  ./mvnw -q -B -DskipTests package
fi
JAR=${JAR:-target/patron.jar}  # another build may be measured with JAR=...

PGPASSWORD=$PG_PASSWORD psql -q -h 127.0.0.1 -U "$PG_USER" -d "${PG_URL##*/}" \
  -c "set client_min_messages = warning" -c "drop schema if exists $SCHEMA cascade" >/dev/null

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "port $PORT is taken; set PORT" >&2
  exit 1
fi
DATA_DIR=$(mktemp -d)
# Names the server's database sessions, so the client can count their CPU time apart from other work.
APP_NAME=patron-product-sync-$$
LOG=$DATA_DIR/server.log
LOGIN=bench@patron.local
PASSWORD=bench-password-42
APP=bench-enterprise-app
SPRING_DATASOURCE_URL="$PG_URL?currentSchema=$SCHEMA&ApplicationName=$APP_NAME" \
SPRING_DATASOURCE_USERNAME=$PG_USER SPRING_DATASOURCE_PASSWORD=$PG_PASSWORD \
SPRING_FLYWAY_SCHEMAS=$SCHEMA \
PATRON_PROJECT_FILE=$PWD/bench/product-sync-project.yaml \
PATRON_DATA_DIR=$DATA_DIR PORT=$PORT PATRON_RATE_LIMIT_ENABLED=false PATRON_LOG_FORMAT= \
PATRON_BOOTSTRAP_LOGIN=$LOGIN PATRON_BOOTSTRAP_PASSWORD=$PASSWORD PATRON_BOOTSTRAP_ENTERPRISE_APP_ID=$APP \
  "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; cp "$LOG" target/product-sync-server.log; rm -rf "$DATA_DIR"' EXIT

# STARTUP_SECONDS: how long to wait for the server (a loaded machine may need more than the default)
for _ in $(seq 1 "${STARTUP_SECONDS:-120}"); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then echo "server did not start:" >&2; tail -40 "$LOG" >&2; exit 1; fi
  sleep 1
done

# The id of CZK, the project currency: Ids.stable("currency", "CZK").
CZK=$(python3 -c 'import hashlib; print(hashlib.sha256(b"currency\0CZK").hexdigest()[:26])')
echo "Patron $(basename "$JAR") on PostgreSQL ($PG_URL, schema $SCHEMA), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
PG_USER=$PG_USER PG_PASSWORD=$PG_PASSWORD PG_DATABASE=${PG_URL##*/} \
python3 bench/product-sync.py --port "$PORT" --login $LOGIN --password $PASSWORD --app-id $APP \
  --server-pid "$SERVER" --pg-application "$APP_NAME" \
  --currency-id "$CZK" "${CLIENT_ARGS[@]}"
