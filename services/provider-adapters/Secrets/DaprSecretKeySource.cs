using System.Collections.Concurrent;
using Dapr;
using Dapr.AiProvider.Contracts;
using Dapr.Client;

namespace Dapr.AiProvider.ProviderAdapters.Secrets;

/// <summary>
/// Keys from the Dapr secret store <see cref="DaprNames.SecretStore"/>, read once and cached; a missing
/// key is remembered for a while (the provider is then unavailable, not a start-up failure).
/// </summary>
internal sealed partial class DaprSecretKeySource(
    DaprClient dapr, TimeProvider time, TimeSpan missingRetryInterval, ILogger<DaprSecretKeySource> logger) : IProviderKeySource
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public async ValueTask<string?> GetAsync(string secretName, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(secretName, out var entry)
            && (entry.Key is not null || time.GetUtcNow() < entry.RetryAfter))
        {
            return entry.Key;
        }
        return await LoadAsync(secretName, cancellationToken);
    }

    public ValueTask<string?> RefreshAsync(string secretName, CancellationToken cancellationToken)
    {
        _cache.TryRemove(secretName, out _);
        return LoadAsync(secretName, cancellationToken);
    }

    private async ValueTask<string?> LoadAsync(string secretName, CancellationToken cancellationToken)
    {
        string? key = null;
        var retryAfter = missingRetryInterval;
        try
        {
            var secret = await dapr.GetSecretAsync(DaprNames.SecretStore, secretName, cancellationToken: cancellationToken);
            // Local file store: {name: value}. Kubernetes: the Secret's data keys; a single-entry Secret is accepted too.
            var value = secret.TryGetValue(secretName, out var named) ? named : secret.Count == 1 ? secret.Values.First() : null;
            key = string.IsNullOrWhiteSpace(value) ? null : value;
            if (key is null)
            {
                Log.SecretMissing(logger, secretName);
            }
        }
        catch (Exception ex) when (ex is DaprException or HttpRequestException or Grpc.Core.RpcException)
        {
            Log.SecretUnavailable(logger, secretName, ex.GetType().Name);
            retryAfter = TimeSpan.FromSeconds(Math.Min(2, missingRetryInterval.TotalSeconds));
        }
        _cache[secretName] = new Entry(key, time.GetUtcNow() + retryAfter);
        return key;
    }

    private sealed record Entry(string? Key, DateTimeOffset RetryAfter);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Secret '{SecretName}' is not in the secret store; its provider is unavailable")]
        public static partial void SecretMissing(ILogger logger, string secretName);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Secret '{SecretName}' could not be read ({Error}); its provider is unavailable for now")]
        public static partial void SecretUnavailable(ILogger logger, string secretName, string error);
    }
}
