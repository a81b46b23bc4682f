#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: install what is missing, start Redis and PostgreSQL in
# local data folders, write the local secrets. Sourced, not run. Idempotent: what already runs is reused.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${AIPROVIDER_LOCAL_DIR:-$REPO_ROOT/.local}"
REDIS_PORT="${AIPROVIDER_REDIS_PORT:-6379}"
PG_PORT="${AIPROVIDER_PG_PORT:-5432}"
PG_USER=aiprovider
PG_PASSWORD="${AIPROVIDER_PG_PASSWORD:-aiprovider}"
PG_DATABASE=aiprovider
mkdir -p "$LOCAL_DIR"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  pg_bin_dir >/dev/null 2>&1 || missing+=(postgresql)
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not on PATH)"
  [ "${1:-}" = with-node ] && ! command -v npm >/dev/null 2>&1 && missing+=(nodejs npm)
  # Test tools (with-node = test.sh) for tests/Deployment.Tests: `kubectl kustomize` (kustomize v4+, i.e.
  # kubectl 1.21+) and `docker-compose config`.
  # Debian itself ships no `kubectl` package (its kubernetes-client 1.20 has a kustomize too old for k8s/overlays):
  # it is installed when an apt source offers it, else Deployment.Tests say that kubectl is missing.
  if [ "${1:-}" = with-node ]; then
    command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
    # The router's Native AOT publish (test.sh publishes it as the Dockerfile does): clang links, zlib is linked in.
    command -v clang >/dev/null 2>&1 || missing+=(clang)
    [ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
    # wrk: the benchmark's cache-hit load generator (tools/benchmark/Measure/WrkLoad.cs), which Benchmark.Tests run.
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    if ! command -v kubectl >/dev/null 2>&1; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
      if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then missing+=(kubectl)
      else log "kubectl is not offered by any apt source: install kubectl 1.21+ for tests/Deployment.Tests"; fi
    fi
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # promtool and prometheus for the observability tests (alert rules checked and unit-tested, a real
  # Prometheus scraping the stack). Without recommends: prometheus-node-exporter would take port 9100.
  if [ "${1:-}" = with-node ] && ! command -v promtool >/dev/null 2>&1; then
    log "installing prometheus (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  fi
  # Debian's chromium for tests/Console.Tests: Playwright drives it through its executable path (no browser download).
  if [ "${1:-}" = with-node ] && [ ! -x /usr/bin/chromium ]; then
    log "installing chromium (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  fi
}

start_redis() {
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "Redis already answering on port $REDIS_PORT"
    return 0
  fi
  mkdir -p "$LOCAL_DIR/redis"
  log "starting Redis on 127.0.0.1:$REDIS_PORT (data in $LOCAL_DIR/redis)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$LOCAL_DIR/redis" \
    --appendonly yes --save "" --daemonize yes --pidfile "$LOCAL_DIR/redis/redis.pid" \
    --logfile "$LOCAL_DIR/redis/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "Redis did not start; see $LOCAL_DIR/redis/redis.log"
}

# PostgreSQL refuses to run as root: as root, the cluster is owned by the 'postgres' system user,
# in a data folder that user can reach.
pg_data_dir() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    if runuser -u postgres -- test -x "$LOCAL_DIR" 2>/dev/null; then
      echo "$LOCAL_DIR/pg/data"
    else
      echo "/var/tmp/aiprovider-$(printf '%s' "$REPO_ROOT" | md5sum | cut -c1-8)/pg/data"
    fi
  else
    echo "$LOCAL_DIR/pg/data"
  fi
}

pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_answers() { PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc 'select 1' >/dev/null 2>&1; }

start_postgres() {
  if pg_answers; then
    log "PostgreSQL already answering on port $PG_PORT"
    return 0
  fi
  local bin data
  bin="$(pg_bin_dir)" || die "PostgreSQL server binaries not found"
  data="$(pg_data_dir)"
  if [ ! -s "$data/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$(dirname "$data")"
    chmod 700 "$data"
    local pwfile; pwfile="$(mktemp)"; printf '%s' "$PG_PASSWORD" > "$pwfile"
    [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    pg_run "$bin/initdb" -D "$data" -U "$PG_USER" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 >/dev/null
    rm -f "$pwfile"
  fi
  if (echo > "/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
    die "port $PG_PORT is taken by a PostgreSQL that does not accept $PG_USER/$PG_PASSWORD; set AIPROVIDER_PG_PORT to another port"
  fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  pg_run "$bin/pg_ctl" -D "$data" -l "$data/../postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $(dirname "$data") -c max_connections=300 -c fsync=on" start >/dev/null \
    || die "PostgreSQL did not start; see $(dirname "$data")/postgres.log"
  PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "select 1 from pg_database where datname='$PG_DATABASE'" | grep -q 1 \
    || PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "create database $PG_DATABASE" >/dev/null
}

stop_postgres() {
  local bin data
  bin="$(pg_bin_dir)" || return 0
  data="$(pg_data_dir)"
  [ -s "$data/postmaster.pid" ] && pg_run "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
}

stop_redis() {
  [ -s "$LOCAL_DIR/redis/redis.pid" ] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

ledger_connection_string() {
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE"
}

# The local secret store (components/secretstore.yaml reads .local/secrets.json).
# Provider keys come from the environment when set; without any, the simulator is used.
write_secrets() {
  local file="$REPO_ROOT/.local/secrets.json" pepper_file="$REPO_ROOT/.local/api-key-pepper"
  mkdir -p "$REPO_ROOT/.local"
  # API keys are stored as HMACs with this pepper: generated once per install, kept beside the data.
  if [ -z "${AIPROVIDER_KEY_PEPPER:-}" ]; then
    [ -s "$pepper_file" ] || (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pepper_file")
    AIPROVIDER_KEY_PEPPER="$(cat "$pepper_file")"
  fi
  AIPROVIDER_KEY_PEPPER="$AIPROVIDER_KEY_PEPPER" python3 - "$file" "$(ledger_connection_string)" <<'PY'
import json, os, sys
path, ledger = sys.argv[1], sys.argv[2]
secrets = {"ledger-connection-string": ledger}
# GitHub Models (GITHUB_TOKEN) was retired on 2026-07-30: its key is no longer read.
# Cloudflare also needs CLOUDFLARE_ACCOUNT_ID in the environment (it is part of the endpoint URL, not a secret).
for env, name in [("OPENAI_API_KEY", "openai-api-key"), ("ANTHROPIC_API_KEY", "anthropic-api-key"),
                  ("GEMINI_API_KEY", "gemini-api-key"), ("HF_TOKEN", "hf-token"),
                  ("GROQ_API_KEY", "groq-api-key"), ("CEREBRAS_API_KEY", "cerebras-api-key"),
                  ("MISTRAL_API_KEY", "mistral-api-key"), ("OPENROUTER_API_KEY", "openrouter-api-key"),
                  ("CLOUDFLARE_API_TOKEN", "cloudflare-api-token")]:
    if os.environ.get(env):
        secrets[name] = os.environ[env]
secrets["api-key-pepper"] = os.environ["AIPROVIDER_KEY_PEPPER"]
with open(path, "w") as f:
    json.dump(secrets, f, indent=2)
os.chmod(path, 0o600)
PY
}

has_real_provider_keys() {
  [ -n "${OPENAI_API_KEY:-}${ANTHROPIC_API_KEY:-}${GEMINI_API_KEY:-}${HF_TOKEN:-}${GROQ_API_KEY:-}${CEREBRAS_API_KEY:-}${MISTRAL_API_KEY:-}${OPENROUTER_API_KEY:-}${CLOUDFLARE_API_TOKEN:-}" ]
}
