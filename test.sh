#!/usr/bin/env bash
# Runs every test: installs what is missing, starts Redis and PostgreSQL, builds in Release,
# runs each test project, and ends with the line "N passed, N failed[, N skipped]".
#   ./test.sh chaos   only the chaos suite, full length (60 s at 8 requests/s; docs/chaos.md), then its report
set -euo pipefail
source "$(dirname "$0")/scripts/infra.sh"
cd "$REPO_ROOT"

projects=(tests/*/*.Tests.csproj)
if [ "${1:-}" = chaos ]; then
  export AIPROVIDER_CHAOS_SECONDS="${AIPROVIDER_CHAOS_SECONDS:-60}" AIPROVIDER_CHAOS_RATE="${AIPROVIDER_CHAOS_RATE:-8}"
  projects=(tests/Chaos.Tests/Chaos.Tests.csproj)
fi

ensure_packages with-node
start_redis
start_postgres
export AIPROVIDER_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=postgres"

log "installing the node test clients (the official openai and @anthropic-ai/sdk npm packages)"
(cd tests/EndToEnd.Tests/node-client && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

log "building (Release)"
dotnet build Dapr.AiProvider.sln -c Release -nologo -v:q -clp:ErrorsOnly

# The images cannot be built here (no base images), so each service is published as the Dockerfile's
# publish stage does and the file its ENTRYPOINT runs must be in the output: the assembly `dotnet` runs, or
# the native executable of the router and of provider-adapters (Native AOT, published for the stage's runtime
# identifier: clang links it; tests/EndToEnd.Tests/AotRouterTests.cs runs both binaries). The native publishes run
# one after the other: both build Contracts and ServiceDefaults for the runtime identifier into the same obj
# folders, so the second reuses the first's and running them at once would race on those files.
if [ "${1:-}" != chaos ]; then
  log "publishing each service as its image does (Dockerfile)"
  while read -r project entry rid; do
    out="$LOCAL_DIR/publish/$(basename "$project" .csproj)"
    if [ "$rid" = - ]; then
      dotnet publish "$project" -c Release -o "$out" --no-build -nologo -v:q -clp:ErrorsOnly
    else
      # A RID-specific build of its own: the solution build above has no runtime identifier.
      dotnet publish "$project" -c Release -r "$rid" -o "$out" -nologo -v:q -clp:ErrorsOnly
    fi
    [ -f "$out/$entry" ] || die "dotnet publish $project left no $entry (the Dockerfile's ENTRYPOINT)"
  done < <(python3 - <<'PY'
import re
text = open("Dockerfile", encoding="utf-8").read()
publish = {t: (p, re.search(r" -r (\S+)", args)) for t, p, args in re.findall(r"FROM build AS publish-(\S+)\nRUN dotnet publish (\S+)(.*)", text)}
entry = {t: e[-1].removeprefix("/app/") for t, e in
         ((t, re.findall(r'"([^"]+)"', e)) for t, e in re.findall(r"FROM runtime\S* AS (\S+)\n(?:.*\n)*?ENTRYPOINT (\[.*\])", text))}
assert publish and publish.keys() == entry.keys(), (publish, entry)
for target, (project, rid) in publish.items():
    print(project, entry[target], rid.group(1) if rid else "-")
PY
)
fi

results="$LOCAL_DIR/test-results"
rm -rf "$results"; mkdir -p "$results"
filter=()
[ -n "${AIPROVIDER_TEST_FILTER:-}" ] && filter=(--filter "$AIPROVIDER_TEST_FILTER")

crashed=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  log "testing $name"
  if ! dotnet test "$project" -c Release --no-build -nologo "${filter[@]}" \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 5m; then
    # A project whose test host died reports no counts of its own: count it as a failure.
    [ -f "$results/$name.trx" ] || crashed=$((crashed + 1))
  fi
done

[ "${1:-}" = chaos ] && [ -f "$LOCAL_DIR/chaos/report.txt" ] && cat "$LOCAL_DIR/chaos/report.txt"

python3 - "$results" "$crashed" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
for trx in glob.glob(f"{sys.argv[1]}/*.trx"):
    counters = re.search(r"<Counters ([^>]*)/>", open(trx, encoding="utf-8").read())
    if not counters:
        failed += 1
        continue
    values = dict(re.findall(r'(\w+)="(\d+)"', counters.group(1)))
    passed += int(values.get("passed", 0))
    failed += int(values.get("failed", 0)) + int(values.get("error", 0)) + int(values.get("timeout", 0)) + int(values.get("aborted", 0))
    skipped += int(values.get("notExecuted", 0))
failed += int(sys.argv[2])
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
PY
