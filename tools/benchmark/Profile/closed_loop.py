#!/usr/bin/env python3
"""Steady closed-loop load on a running gateway, for profiling (perf), not for figures: the benchmark measures.

Each connection sends distinct non-streamed chat completions (temperature 0.7, never a cache hit), keep-alive,
one after the other, as the benchmark's `peer` scenario does. With CLOSED_LOOP_CACHE_HIT=1 every connection sends one
identical temperature-0 request instead (the first fills the cache, the rest are hits), as the `cache-hit` scenario does,
and an answer without `x-aiprovider-cache: HIT` after the first counts as failed. With CLOSED_LOOP_STREAM=1 each request is
streamed instead (`stream: true`, `max_tokens` 6, as the `streams` scenario's answers but at the simulator's full pace), read
to its end; an answer without `data: [DONE]` counts as failed.
Usage: closed_loop.py <router port> <seconds> [connections] [key]
The key defaults to the benchmark stack's bootstrap key (tools/benchmark/Stack/BenchStack.cs).
"""
import http.client
import json
import os
import sys
import threading
import time
import uuid

PORT, SECONDS = int(sys.argv[1]), float(sys.argv[2])
CONNECTIONS = int(sys.argv[3]) if len(sys.argv) > 3 else 16
KEY = sys.argv[4] if len(sys.argv) > 4 else "benchmark-bootstrap-key-0123456789"
RUN = uuid.uuid4().hex[:8]
CACHE_HIT = os.environ.get("CLOSED_LOOP_CACHE_HIT") == "1"
STREAM = os.environ.get("CLOSED_LOOP_STREAM") == "1"
counts = {"ok": 0, "failed": 0}
lock = threading.Lock()


def connection(worker):
    client, sent, end = http.client.HTTPConnection("127.0.0.1", PORT), 0, time.time() + SECONDS
    while time.time() < end:
        sent += 1
        body = json.dumps({"model": "openai/gpt-4o-mini", "temperature": 0, "messages": [{"role": "user", "content": f"profile {RUN} cache me"}]}
                          if CACHE_HIT else
                          {"model": "openai/gpt-4o-mini", "temperature": 0.7, "stream": True, "max_tokens": 6,
                           "messages": [{"role": "user", "content": f"profile {RUN} {worker} {sent} tell a story"}]}
                          if STREAM else
                          {"model": "openai/gpt-4o-mini", "temperature": 0.7,
                           "messages": [{"role": "user", "content": f"profile {RUN} {worker} {sent} say something short"}]})
        try:
            client.request("POST", "/v1/chat/completions", body, {"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
            response = client.getresponse()
            answer = response.read()
            hit = not CACHE_HIT or sent == 1 or response.getheader("x-aiprovider-cache") == "HIT"
            ended = not STREAM or answer.endswith(b"data: [DONE]\n\n")
            outcome = "ok" if response.status == 200 and hit and ended else "failed"
        except OSError:
            outcome = "failed"
            client = http.client.HTTPConnection("127.0.0.1", PORT)
        with lock:
            counts[outcome] += 1


threads = [threading.Thread(target=connection, args=(w,)) for w in range(CONNECTIONS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"ok {counts['ok']}, failed {counts['failed']}, {counts['ok'] / SECONDS:.0f} requests/s")
