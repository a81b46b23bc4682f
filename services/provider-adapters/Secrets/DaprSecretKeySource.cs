using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Secrets;

/// <summary>
/// Keys from the Dapr secret store <see cref="DaprNames.SecretStore"/>, read once and cached; a missing
/// key is remembered for a while (the provider is then unavailable, not a start-up failure).
/// </summary>
/// <remarks>
/// Read on the sidecar's HTTP API, <c>GET v1.0/secrets/{store}/{key}</c> (dapr/dapr <c>pkg/api/http/secrets.go</c>):
/// 200 with the secret's map, 204 when the store returned no data (a missing key then), and an error answer
/// otherwise — a key the store does not hold is <c>ERR_SECRET_GET</c> 500, an unknown store
/// <c>ERR_SECRET_STORE_NOT_FOUND</c> 401 (<c>pkg/messages/predefined.go</c>). Every error answer counts as the store
/// being unavailable for now (retried within 2 s), as Dapr.Client's exceptions did before; plain HTTP because
/// Dapr.Client is not trim-safe (the service is published as Native AOT).
/// </remarks>
internal sealed partial class DaprSecretKeySource(
    HttpClient http, TimeProvider time, IOptions<ProvidersOptions> options, ILogger<DaprSecretKeySource> logger) : IProviderKeySource
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly TimeSpan _missingRetryInterval = options.Value.MissingKeyRetryInterval;

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
        var retryAfter = _missingRetryInterval;
        try
        {
            var secret = await ReadAsync(secretName, cancellationToken);
            // Local file store: {name: value}. Kubernetes: the Secret's data keys; a single-entry Secret is accepted too.
            var value = secret.TryGetValue(secretName, out var named) ? named : secret.Count == 1 ? secret.Values.First() : null;
            key = string.IsNullOrWhiteSpace(value) ? null : value;
            if (key is null)
            {
                Log.SecretMissing(logger, secretName);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.SecretUnavailable(logger, secretName, ex.GetType().Name);
            retryAfter = TimeSpan.FromSeconds(Math.Min(2, _missingRetryInterval.TotalSeconds));
        }
        _cache[secretName] = new Entry(key, time.GetUtcNow() + retryAfter);
        return key;
    }

    /// <summary>The secret's map; empty on 204; <see cref="HttpRequestException"/> on an error answer.</summary>
    private async Task<Dictionary<string, string>> ReadAsync(string secretName, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            $"v1.0/secrets/{Uri.EscapeDataString(DaprNames.SecretStore)}/{Uri.EscapeDataString(secretName)}", cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }
        return await response.Content.ReadFromJsonAsync(SecretJsonContext.Default.DictionaryStringString, cancellationToken) ?? [];
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

/// <summary>A secret as the sidecar answers it: its keys and values.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SecretJsonContext : JsonSerializerContext;
