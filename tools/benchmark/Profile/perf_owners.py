#!/usr/bin/env python3
"""Ranks a `perf record -g` profile of a .NET process by the component that owns each sample.

A sample belongs to the first frame, from the leaf up, whose assembly is not generic runtime code (CoreLib,
collections): a dictionary lookup inside the tokenizer counts for the tokenizer, a socket syscall under HttpClient
for System.Net.Http, GC work started by an allocation for whoever allocated. Samples with no such frame (thread
pool dispatch, GC threads, the kernel alone) are "(runtime/kernel/corelib only)".

Inclusive ("children") views mislead for async code: when an awaited task completes, the awaiting methods run on
inline under it, so an await on an HTTP answer looks as if it contained the rest of the request. This view does
not have that problem.

Needs the JIT's symbols: run the process with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0.
Usage: perf_owners.py <perf.data> [rows]   (docs/benchmarks-peer.md, "The request path at steady state")
"""
import collections
import re
import subprocess
import sys

GENERIC = {"System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Collections.Concurrent",
           "System.Linq", "System.Memory", "System.Threading"}
FRAME = re.compile(r"\[([A-Za-z][\w.]+)\] ([^(]*)")


def samples(data):
    out = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"], capture_output=True, text=True, check=True).stdout
    for block in out.split("\n\n"):
        frames = [line.strip() for line in block.splitlines() if line.strip()]
        if frames:
            yield frames


def owner(frames):
    for frame in frames:
        match = FRAME.search(frame)
        if match and match.group(1) not in GENERIC:
            return match.group(1), match.group(2).split(" ")[-1][:140]
    return "(runtime/kernel/corelib only)", ""


def main():
    data, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
    owners, ours, total = collections.Counter(), collections.Counter(), 0
    for frames in samples(data):
        total += 1
        assembly, method = owner(frames)
        owners[assembly] += 1
        if assembly.startswith(("Dapr.AiProvider", "LocalDapr")):
            ours[method] += 1
    print(f"{total} samples")
    for name, count in owners.most_common(rows):
        print(f"{100 * count / total:6.2f} %  {name}")
    print("-- our own methods owning samples")
    for name, count in ours.most_common(rows):
        print(f"{100 * count / total:6.2f} %  {name}")


if __name__ == "__main__":
    main()
