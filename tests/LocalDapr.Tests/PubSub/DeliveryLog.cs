using System.Collections.Concurrent;
using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>What the test app received on each route, with a way to wait for it.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Delivery>> _byRoute = new();

    public void Add(Delivery delivery) => _byRoute.GetOrAdd(delivery.Route, _ => new()).Enqueue(delivery);

    public IReadOnlyList<Delivery> For(string route) =>
        _byRoute.TryGetValue(route, out var queue) ? queue.ToArray() : [];

    public async Task<IReadOnlyList<Delivery>> WaitForAsync(string route, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var received = For(route);
            if (received.Count >= count)
            {
                return received;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{route}: expected {count} deliveries, got {For(route).Count}");
    }

    /// <summary>Deliveries on <paramref name="route"/> whose CloudEvent <c>data.marker</c> equals <paramref name="marker"/>.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForMarkerAsync(string route, string marker, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var received = For(route).Where(d => d.Marker == marker).ToList();
            if (received.Count >= count)
            {
                return received;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{route}: expected {count} deliveries with marker {marker}");
    }
}

/// <summary>One POST the sidecar made to the app.</summary>
public sealed record Delivery(string Route, string? ContentType, string Body)
{
    public JsonElement Event => JsonDocument.Parse(Body).RootElement;

    public string? Marker =>
        Event.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("marker", out var marker) ? marker.GetString() : null;
}
