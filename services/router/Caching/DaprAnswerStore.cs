using System.Globalization;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ServiceDefaults.Time;
using System.Text.Json.Serialization.Metadata;
using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// Cached answers of one kind in <c>statestore</c> under the key <paramref name="stateKey"/> makes of the cache key
/// (<c>cache:{sha256}</c> for chat, <c>cache:embeddings:{sha256}</c> for embeddings), expiring through <c>ttlInSeconds</c>
/// (in real seconds: <see cref="ScaledClock.RealSeconds"/>; on the benchmark's accelerated clock a TTL is divided by its scale).
/// </summary>
internal sealed class DaprAnswerStore<TAnswer>(SidecarState state, JsonTypeInfo<TAnswer> type, TimeProvider time, Func<string, string> stateKey) : IAnswerStore<TAnswer>
    where TAnswer : CachedAnswer
{
    public Task<TAnswer?> GetAsync(string key, CancellationToken cancellationToken) =>
        state.GetEventualAsync(stateKey(key), type, cancellationToken);

    public Task SetAsync(string key, TAnswer value, int ttlSeconds, CancellationToken cancellationToken) =>
        state.SaveAsync(stateKey(key), value, type,
            new Dictionary<string, string> { ["ttlInSeconds"] = ScaledClock.RealSeconds(time, ttlSeconds).ToString(CultureInfo.InvariantCulture) },
            cancellationToken);
}
