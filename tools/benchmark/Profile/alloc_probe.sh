#!/usr/bin/env bash
# Bytes allocated per request, by type, in every .NET process of the benchmark stack (docs/benchmarks-peer.md,
# "Allocation per request"). Stable where CPU figures of one run are not: use it to compare two builds on a busy box.
#
# usage: tools/benchmark/Profile/alloc_probe.sh <checkout, built in Release with tools/benchmark> <out dir> [cache-hit]
# Runs `peer` (full) from that checkout with tools/alloc-hook in every process; 15 s after the stack is up, a closed
# loop of 16 connections (closed_loop.py) drives the router for 45 s, and 10 s into it the hook of each process samples
# for 20 s. Prints bytes per request of router, adapters, quota and their sidecars (LocalDapr.Sidecar.<app id>);
# <out>/alloc-<process>-<pid>.txt list the top 60 types. With `cache-hit` the loop repeats one temperature-0 request
# (cache hits, as the `cache-hit` scenario sends), so the router's figure is that of a hit.
set -euo pipefail
dir=$(cd "$1" && pwd); out=$2
[ "${3:-}" = cache-hit ] && export CLOSED_LOOP_CACHE_HIT=1
repo=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd); rm -f "$out"/alloc-*.txt "$out/go"
dotnet build "$repo/tools/alloc-hook" -c Release -nologo -v:q -clp:ErrorsOnly -o "$out/hook" >/dev/null
cd "$dir"
export AIPROVIDER_TEST_PG=${AIPROVIDER_TEST_PG:-"Host=127.0.0.1;Port=5432;Username=aiprovider;Password=aiprovider;Database=postgres"}
DOTNET_STARTUP_HOOKS="$out/hook/AllocHook.dll" ALLOCHOOK_LEN=20 ALLOCHOOK_OUT="$out" \
  dotnet tools/benchmark/bin/Release/net10.0/Dapr.AiProvider.Benchmark.dll peer > "$out/peer.log" 2>&1 &
bench=$!
for _ in $(seq 240); do grep -q "stack processes found" "$out/peer.log" && break; sleep 1; done
router=$(grep "stack processes found" "$out/peer.log" | sed -E 's/.* router ([0-9]+).*/\1/')
port=$(tr '\0' '\n' < "/proc/$router/environ" | grep ASPNETCORE_URLS | sed -E 's/.*:([0-9]+).*/\1/')
sleep 15
python3 "$repo/tools/benchmark/Profile/closed_loop.py" "$port" 45 16 > "$out/closed-loop.log" &
loop=$!
sleep 10; touch "$out/go"
wait "$loop"; wait "$bench" || true
cat "$out/closed-loop.log"
for f in "$out"/alloc-Dapr.AiProvider.{Router,ProviderAdapters,Quota}-*.txt "$out"/alloc-LocalDapr.Sidecar.*.txt; do
  [ -f "$f" ] && echo "$(basename "$f"): $(head -1 "$f")"
done
