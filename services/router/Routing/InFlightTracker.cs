using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>Requests in flight per provider/model on this replica (least-busy strategy).</summary>
internal sealed class InFlightTracker
{
    private readonly ConcurrentDictionary<string, StrongBox> _counts = new(StringComparer.OrdinalIgnoreCase);

    public int Get(string modelId) => _counts.TryGetValue(modelId, out var box) ? Volatile.Read(ref box.Value) : 0;

    public Lease Enter(string modelId)
    {
        var box = _counts.GetOrAdd(modelId, _ => new StrongBox());
        Interlocked.Increment(ref box.Value);
        return new Lease(box);
    }

    internal sealed class StrongBox
    {
        public int Value;
    }

    public readonly struct Lease(StrongBox box) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref box.Value);
    }
}
