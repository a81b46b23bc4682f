#!/usr/bin/env bash
# Bytes allocated per request, by type, in every .NET process of the benchmark stack (docs/benchmarks-peer.md,
# "Allocation per request"). Stable where CPU figures of one run are not: use it to compare two builds on a busy box.
#
# usage: tools/benchmark/Profile/alloc_probe.sh <checkout, built in Release with tools/benchmark> <out dir> [cache-hit|stream]
# Runs `peer` (full) from that checkout with tools/alloc-hook in every process; 15 s after the stack is up, a closed
# loop of 16 connections (closed_loop.py) drives the router for 45 s, and 10 s into it the hook of each process samples
# for 20 s. Prints bytes per request of router, adapters, quota and their sidecars (LocalDapr.Sidecar.<app id>);
# <out>/alloc-<process>-<pid>.txt list the top 60 types. With `cache-hit` the benchmark runs `cache-hit ledger --quick`
# instead and the loop starts when the ledger phase does (which leaves the router idle), repeating one temperature-0
# request: the router's figure is that of a cache hit alone. With `stream` the loop sends streamed requests (six words each,
# closed_loop.py's CLOSED_LOOP_STREAM): the figures are bytes per stream.
set -euo pipefail
dir=$(cd "$1" && pwd); out=$2
scenario=(peer); ready="stack processes found"; pid_line="stack processes found"
if [ "${3:-}" = cache-hit ]; then
  export CLOSED_LOOP_CACHE_HIT=1
  scenario=(cache-hit ledger --quick); ready="== ledger"; pid_line="processes measured"
fi
if [ "${3:-}" = stream ]; then export CLOSED_LOOP_STREAM=1; fi
repo=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd); rm -f "$out"/alloc-*.txt "$out/go"
dotnet build "$repo/tools/alloc-hook" -c Release -nologo -v:q -clp:ErrorsOnly -o "$out/hook" >/dev/null
cd "$dir"
# The router and (since session 11) provider-adapters are built AOT-compatible, which turns startup hooks off in their
# runtimeconfig (so they wrote no figure here): turned back on in these build outputs only, for the probe.
sed -i 's/"System.StartupHookProvider.IsSupported": false/"System.StartupHookProvider.IsSupported": true/' \
  services/router/bin/Release/net10.0/Dapr.AiProvider.Router.runtimeconfig.json \
  services/provider-adapters/bin/Release/net10.0/Dapr.AiProvider.ProviderAdapters.runtimeconfig.json
export AIPROVIDER_TEST_PG=${AIPROVIDER_TEST_PG:-"Host=127.0.0.1;Port=5432;Username=aiprovider;Password=aiprovider;Database=postgres"}
DOTNET_STARTUP_HOOKS="$out/hook/AllocHook.dll" ALLOCHOOK_LEN=20 ALLOCHOOK_OUT="$out" \
  dotnet tools/benchmark/bin/Release/net10.0/Dapr.AiProvider.Benchmark.dll "${scenario[@]}" > "$out/peer.log" 2>&1 &
bench=$!
for _ in $(seq 240); do grep -q "$ready" "$out/peer.log" && break; sleep 1; done
router=$(grep "$pid_line" "$out/peer.log" | sed -E 's/.*, router ([0-9]+).*/\1/')
port=$(tr '\0' '\n' < "/proc/$router/environ" | grep ASPNETCORE_URLS | sed -E 's/.*:([0-9]+).*/\1/')
[ "${3:-}" = cache-hit ] || sleep 15
python3 "$repo/tools/benchmark/Profile/closed_loop.py" "$port" 45 16 > "$out/closed-loop.log" &
loop=$!
sleep 10; touch "$out/go"
wait "$loop"
[ "${3:-}" = cache-hit ] && kill -INT "$bench"  # the hooks are done; the rest of the ledger scenario is not needed
wait "$bench" || true
cat "$out/closed-loop.log"
for f in "$out"/alloc-Dapr.AiProvider.{Router,ProviderAdapters,Quota}-*.txt "$out"/alloc-LocalDapr.Sidecar.*.txt; do
  [ -f "$f" ] && echo "$(basename "$f"): $(head -1 "$f")"
done
