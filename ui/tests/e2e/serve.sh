#!/usr/bin/env bash
# A fresh demo server for the browser journeys: its own database and outbox in $1.
#   serve.sh DIR PORT            SQLite, jobs and live updates in the server (the embedded mode)
#   serve.sh DIR PORT postgres   a throwaway PostgreSQL database, Redis, cms serve and cms worker
#   serve.sh DIR PORT new-installation   SQLite with no demo data: only the first CDSP
#                                administrator, made by `cms admin create`
# Extra settings come from the environment (CMS_SESSION_IDLE_TIMEOUT_S, ...).
set -euo pipefail
dir=$1 port=$2 mode=${3:-sqlite}
rm -rf "$dir" && mkdir -p "$dir"
cd "$(dirname "$0")/../../.."
export CMS_ENV=development
export CMS_OUTBOX_PATH="$dir/outbox.jsonl"
export CMS_PUBLIC_URL="http://127.0.0.1:$port"
if [ "$mode" = postgres ]; then
  admin=${CMS_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
  name="cms_e2e_${port}_$$"
  psql "$admin" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >/dev/null
  export CMS_DATABASE_URL="${admin%/*}/$name"
  # A Redis of its own (nothing kept), so no counter or stream of another run is seen.
  redis_port=$((port + 1000))
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" >"$dir/redis.log" 2>&1 &
  redis=$!
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export CMS_REDIS_URL="redis://127.0.0.1:$redis_port/0"
  cleanup() {
    kill "${worker:-}" "${server:-}" "${redis:-}" 2>/dev/null || true
    wait 2>/dev/null || true
    psql "$admin" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
  }
  trap cleanup EXIT INT TERM
else
  export CMS_DATABASE_URL="sqlite+aiosqlite:///$dir/cms.db"
fi
.venv/bin/cms migrate >/dev/null
if [ "$mode" = new-installation ]; then
  .venv/bin/cms admin create admin@new-installation.example "Ada Administrator" --cdsp-name "Xoserve" >/dev/null
else
  .venv/bin/cms seed-demo >/dev/null
fi
if [ "$mode" = postgres ]; then
  .venv/bin/cms worker >"$dir/worker.log" 2>&1 &
  worker=$!
  .venv/bin/cms serve --host 127.0.0.1 --port "$port" &
  server=$!
  wait "$server"
else
  exec .venv/bin/cms serve --host 127.0.0.1 --port "$port"
fi
