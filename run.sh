#!/usr/bin/env bash
# Runs the whole gateway locally: installs what is missing, starts Redis and PostgreSQL, builds,
# starts the provider simulator (when no real provider keys are set) and the three apps with
# their Dapr sidecars, then prints the gateway URL, the bootstrap admin key and a sample curl.
# Ctrl-C stops everything. The local launcher restarts an app or sidecar that exits (one line per restart,
# "🔁  app 'quota' exited with code 137 (SIGKILL); restart 1 in 1 s") and gives up, ending this script,
# when one crashes more than 5 times a minute (docs/chaos.md: supervision).
#   AIPROVIDER_PORT           gateway port (default 8080)
#   AIPROVIDER_BOOTSTRAP_KEY  admin key (default: generated once, kept in .local/bootstrap.key)
#   OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, HF_TOKEN, GITHUB_TOKEN  real providers
#   AIPROVIDER_LOCAL_DAPR=1   use the bundled local Dapr runtime even when the dapr CLI is installed
#   AIPROVIDER_LAUNCHER_ARGS  extra launcher flags, e.g. "--max-restarts 10 --restart-window 120" or "--no-restart"
set -euo pipefail
source "$(dirname "$0")/scripts/infra.sh"
cd "$REPO_ROOT"

PORT="${AIPROVIDER_PORT:-8080}"
SIMULATOR_PORT="${AIPROVIDER_SIMULATOR_PORT:-9100}"

ensure_packages
start_redis
start_postgres
write_secrets

key_file="$LOCAL_DIR/bootstrap.key"
if [ -n "${AIPROVIDER_BOOTSTRAP_KEY:-}" ]; then
  key="$AIPROVIDER_BOOTSTRAP_KEY"
elif [ -s "$key_file" ]; then
  key="$(cat "$key_file")"
else
  key="aip_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  (umask 077; printf '%s' "$key" > "$key_file")
fi
export AIPROVIDER_BOOTSTRAP_KEY="$key"

log "building (Release)"
dotnet build Dapr.AiProvider.sln -c Release -nologo -v:q -clp:ErrorsOnly

pids=()
cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup INT TERM EXIT

if has_real_provider_keys; then
  log "real provider keys found: calling real providers"
  unset AIPROVIDER_SIMULATOR_URL
elif [ -n "${AIPROVIDER_SIMULATOR_URL:-}" ]; then
  # Another stand-in already serves the providers' paths (e.g. ../shared/replay/server.mjs): use it, start none.
  log "no provider keys set: using the provider stand-in at $AIPROVIDER_SIMULATOR_URL"
else
  log "no provider keys set: starting the provider simulator on 127.0.0.1:$SIMULATOR_PORT"
  # Process substitution, not a pipe: $! must be the simulator itself so that stopping reaches it.
  dotnet tools/provider-simulator/bin/Release/net10.0/ProviderSimulator.dll \
    --urls "http://127.0.0.1:$SIMULATOR_PORT" --Simulator:FreeTiers:Enforce="${AIPROVIDER_SIMULATOR_FREE_TIERS:-true}" > >(sed -u 's/^/== SIM == /') 2>&1 &
  pids+=($!)
  export AIPROVIDER_SIMULATOR_URL="http://127.0.0.1:$SIMULATOR_PORT"
fi

run_file="$REPO_ROOT/dapr.yaml"
if [ "$PORT" != 8080 ]; then
  run_file="$REPO_ROOT/.dapr.local.yaml"   # same folder, so relative paths stay valid
  sed -e "s/appPort: 8080/appPort: $PORT/" -e "s#127.0.0.1:8080#127.0.0.1:$PORT#" dapr.yaml > "$run_file"
fi

# Only its sidecar may call an app: sidecars send APP_API_TOKEN, and quota refuses calls without it.
export APP_API_TOKEN="${APP_API_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
# Every local sidecar resolves app ids through the same Redis (the local stand-in for mDNS).
export LOCALDAPR_REGISTRY_REDIS="localhost:$REDIS_PORT"
ready_file="$LOCAL_DIR/ready"
rm -f "$ready_file"
if command -v dapr >/dev/null 2>&1 && [ "${AIPROVIDER_LOCAL_DAPR:-0}" != 1 ]; then
  log "starting the apps with the Dapr CLI (dapr run -f)"
  dapr run -f "$run_file" &
else
  log "starting the apps with the local Dapr runtime"
  # shellcheck disable=SC2086 # AIPROVIDER_LAUNCHER_ARGS is a list of flags
  dotnet tools/local-dapr/Launcher/bin/Release/net10.0/LocalDapr.Launcher.dll -f "$run_file" --ready-file "$ready_file" \
    ${AIPROVIDER_LAUNCHER_ARGS:-} &
fi
pids+=($!)

for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || die "a process exited during start (see the log above)"; done
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 || die "the gateway did not become ready within 2 minutes"

cat <<MSG

  Dapr.AiProvider is running.
    Gateway:        http://127.0.0.1:$PORT
    Console:        http://127.0.0.1:$PORT/console/   (sign in with the bootstrap key)
    Bootstrap key:  $key   (admin; kept in ${key_file#$REPO_ROOT/})
    Try:
      curl -s http://127.0.0.1:$PORT/v1/chat/completions \\
        -H "Authorization: Bearer $key" -H "Content-Type: application/json" \\
        -d '{"model":"auto","messages":[{"role":"user","content":"Say hello"}]}'

  Ctrl-C stops everything.
MSG
# The first of them to end (the launcher giving up on a crash loop, or the simulator) ends the run.
status=0
wait -n "${pids[@]}" || status=$?
exit "$status"
