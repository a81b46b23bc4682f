#!/usr/bin/env python3
"""Paired A/B of provider-adapters alone, for a shared box where one `peer --quick` run moves with the load.

One provider simulator and one provider-adapters process per variant (each its own build or Native AOT publish and
environment), all running at once; a closed loop of POST /adapters/chat (the router's AdapterChatRequest, distinct
non-streamed prompts) drives one variant at a time, the variants in turn and in reverse order every other round, so
each sees the same load on the box. CPU µs per answered request of the driven process from /proc/<pid>/stat, and its
RSS. No sidecar, no router: simulator mode, as the `adapters` scenario measures the service.

usage: adapters_pair.py <rounds> <seconds per run> <connections> <name>=<publish dir>[:VAR=value,VAR=value] ...
e.g.   adapters_pair.py 8 4 16 base=/tmp/pub-main new=/tmp/pub-branch spin0=/tmp/pub-main:DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
Needs tools/provider-simulator built in Release (docs/benchmarks-peer.md, "Session 12: provider-adapters' CPU per request").
"""
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

ROUNDS, SECONDS, CONNECTIONS = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
SIMULATOR_PORT = 47100
QUIET = {"Logging__LogLevel__Default": "Warning", "Logging__LogLevel__Microsoft.AspNetCore": "Warning"}
RUN = uuid.uuid4().hex[:8]
processes = []


def variants():
    for arg in sys.argv[4:]:
        name, rest = arg.split("=", 1)
        directory, _, settings = rest.partition(":")
        yield name, directory, dict(s.split("=", 1) for s in settings.split(",") if s)


def start(command, env, cwd=None):
    merged = dict(os.environ)
    merged.update(env)
    process = subprocess.Popen(command, env=merged, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes.append(process)
    return process


def wait_for(port, path):
    for _ in range(300):
        try:
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            client.request("GET", path)
            if client.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port}")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def drive(port, seconds):
    counts, lock = [0, 0], threading.Lock()

    def connection(worker):
        client, sent, end = http.client.HTTPConnection("127.0.0.1", port), 0, time.time() + seconds
        while time.time() < end:
            sent += 1
            body = json.dumps({"requestId": f"pair-{RUN}-{port}-{worker}-{sent}", "provider": "openai", "model": "gpt-4o-mini",
                               "request": {"model": "gpt-4o-mini", "temperature": 0.7, "stream": False, "max_tokens": 64,
                                           "messages": [{"role": "user", "content": f"Benchmark {RUN} request {worker}-{sent}: summarise the quarterly report in one line"}]}})
            try:
                client.request("POST", "/adapters/chat", body, {"Content-Type": "application/json"})
                response = client.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                client = http.client.HTTPConnection("127.0.0.1", port)
            with lock:
                counts[0 if ok else 1] += 1

    threads = [threading.Thread(target=connection, args=(w,)) for w in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def main():
    start(["dotnet", f"{REPO}/tools/provider-simulator/bin/Release/net10.0/ProviderSimulator.dll", "--urls", f"http://127.0.0.1:{SIMULATOR_PORT}"],
          dict(QUIET, Simulator__RequestsPerMinute="1000000000", Simulator__TokensPerMinute="2000000000"))
    wait_for(SIMULATOR_PORT, "/healthz")
    running = []
    for i, (name, directory, settings) in enumerate(variants()):
        port = SIMULATOR_PORT + 1 + i
        env = dict(QUIET, AIPROVIDER_SIMULATOR_URL=f"http://127.0.0.1:{SIMULATOR_PORT}", ASPNETCORE_URLS=f"http://127.0.0.1:{port}", **settings)
        running.append((name, port, start([os.path.join(directory, "Dapr.AiProvider.ProviderAdapters")], env, cwd=directory)))
    for _, port, _ in running:
        wait_for(port, "/healthz")
        drive(port, 3)  # warm: connection pools, caches, first GCs
    results = {name: [] for name, _, _ in running}
    for round_ in range(ROUNDS):
        for name, port, process in (running if round_ % 2 == 0 else list(reversed(running))):
            load = open("/proc/loadavg").read().split()[0]
            before = cpu_seconds(process.pid)
            ok, failed = drive(port, SECONDS)
            us = (cpu_seconds(process.pid) - before) * 1e6 / max(ok, 1)
            results[name].append(us)
            print(f"round {round_} {name:10s} {us:6.1f} µs/request  ok {ok} failed {failed}  {ok / SECONDS:5.0f} req/s  "
                  f"load {load}  RSS {rss_mb(process.pid):.0f} MB", flush=True)
    for name, values in results.items():
        ordered = sorted(values)
        print(f"{name:10s} mean {sum(values) / len(values):6.1f}  median {ordered[len(ordered) // 2]:6.1f}  "
              f"min {ordered[0]:6.1f}  max {ordered[-1]:6.1f} µs/request")


try:
    main()
finally:
    for p in processes:
        p.send_signal(signal.SIGTERM)
    for p in processes:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
