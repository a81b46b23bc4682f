using System.Collections.Concurrent;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>A counter per app id: successive calls spread over the instances in turn.</summary>
internal sealed class RoundRobin
{
    private readonly ConcurrentDictionary<string, StrongBox> _counters = new(StringComparer.Ordinal);

    public int Next(string appId, int count)
    {
        var box = _counters.GetOrAdd(appId, static _ => new StrongBox());
        var n = Interlocked.Increment(ref box.Value);
        return (int)((uint)n % (uint)count);
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}
