using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

/// <summary>
/// Bytes allocated per HTTP request, by type, in one process (tools/benchmark/Profile/alloc_probe.sh). When
/// <c>$ALLOCHOOK_OUT/go</c> appears (the load is running) it samples the runtime's GC AllocationTick events (one per
/// ~100 KB allocated, naming the type being allocated) and counts Kestrel's RequestStart events for
/// <c>ALLOCHOOK_LEN</c> seconds, then writes <c>$ALLOCHOOK_OUT/alloc-{entry}-{pid}.txt</c>: allocated bytes per
/// request, then the top types by sampled bytes.
/// </summary>
internal static class StartupHook
{
    private static AllocationSampler? _sampler;

    public static void Initialize()
    {
        var outDir = Environment.GetEnvironmentVariable("ALLOCHOOK_OUT") ?? "/tmp";
        var seconds = int.Parse(Environment.GetEnvironmentVariable("ALLOCHOOK_LEN") ?? "20", CultureInfo.InvariantCulture);
        _sampler = new AllocationSampler();
        new Thread(() => Sample(_sampler, outDir, seconds)) { IsBackground = true, Name = "alloc-hook" }.Start();
    }

    private static void Sample(AllocationSampler sampler, string outDir, int seconds)
    {
        while (!File.Exists(Path.Combine(outDir, "go")))
        {
            Thread.Sleep(200);
        }
        sampler.On = true;
        var before = GC.GetTotalAllocatedBytes();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        sampler.On = false;
        var allocated = GC.GetTotalAllocatedBytes() - before;
        var requests = Interlocked.Read(ref sampler.Requests);
        var args = Environment.GetCommandLineArgs();
        var entry = Path.GetFileNameWithoutExtension(args.ElementAtOrDefault(0) ?? "process");
        if (Array.IndexOf(args, "--app-id") is var at and >= 0 && at + 1 < args.Length)
        {
            entry += "." + args[at + 1]; // a sidecar: named by its app
        }
        using var file = new StreamWriter(Path.Combine(outDir, $"alloc-{entry}-{Environment.ProcessId}.txt"));
        file.WriteLine($"total allocated in window: {allocated} bytes; requests (Kestrel RequestStart): {requests}; "
            + $"bytes per request: {(requests > 0 ? allocated / requests : 0)}");
        foreach (var (type, bytes) in sampler.Bytes.OrderByDescending(kv => kv.Value).Take(60))
        {
            file.WriteLine($"{bytes,14} {type}");
        }
    }
}

internal sealed class AllocationSampler : EventListener
{
    private const long TickBytes = 100_000;

    public volatile bool On;
    public long Requests;

    public ConcurrentDictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
        }
        else if (eventSource.Name == "Microsoft.AspNetCore.Hosting")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!On || eventData.EventName is not { } name)
        {
            return;
        }
        if (name == "RequestStart")
        {
            Interlocked.Increment(ref Requests);
        }
        else if (name.StartsWith("GCAllocationTick", StringComparison.Ordinal) && eventData.PayloadNames is { } names)
        {
            var type = eventData.Payload?[names.IndexOf("TypeName")] as string ?? "?";
            Bytes.AddOrUpdate(type, TickBytes, (_, total) => total + TickBytes);
        }
    }
}
