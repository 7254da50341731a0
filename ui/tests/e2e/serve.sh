#!/usr/bin/env bash
# A fresh demo server for the browser journeys: its own SQLite database and outbox in $1.
set -euo pipefail
dir=$1 port=$2
rm -rf "$dir" && mkdir -p "$dir"
cd "$(dirname "$0")/../../.."
export CMS_ENV=development
export CMS_DATABASE_URL="sqlite+aiosqlite:///$dir/cms.db"
export CMS_OUTBOX_PATH="$dir/outbox.jsonl"
export CMS_PUBLIC_URL="http://127.0.0.1:$port"
.venv/bin/cms migrate >/dev/null
.venv/bin/cms seed-demo >/dev/null
exec .venv/bin/cms serve --host 127.0.0.1 --port "$port"
