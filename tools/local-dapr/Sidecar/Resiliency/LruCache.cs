namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>A small thread-safe LRU (daprd keeps endpoint/actor breakers in an LRU per target).</summary>
internal sealed class LruCache<TValue>(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _order = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    public TValue GetOrAdd(string key, Func<string, TValue> create)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Value;
            }

            var value = create(key);
            _map[key] = _order.AddFirst((key, value));
            if (_map.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
            }

            return value;
        }
    }
}
