using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using System.Net;
using System.Net.Http.Json;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// <see cref="IKeyDirectory"/> over Dapr service invocation: <c>POST quota/quota/keys/verify</c> and
/// <c>quota/keys/last-used</c> through the sidecar. The key travels only sidecar-to-sidecar (mTLS in Kubernetes).
/// </summary>
internal sealed partial class QuotaKeyDirectory(HttpClient http, ILogger<QuotaKeyDirectory> logger) : IKeyDirectory
{
    public async Task<KeyLookup> VerifyAsync(string presentedKey, CancellationToken cancellationToken)
    {
        try
        {
            using var body = SidecarJson.Content(new VerifyBody(presentedKey), AuthJsonContext.Default.VerifyBody);
            using var response = await http.PostAsync("quota/keys/verify", body, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return KeyLookup.NotFound;
            }
            if (!response.IsSuccessStatusCode)
            {
                Log.VerifyFailed(logger, (int)response.StatusCode);
                return KeyLookup.Down;
            }
            var record = await response.Content.ReadFromJsonAsync(AuthJsonContext.Default.KeyRecord, cancellationToken);
            return record is null ? KeyLookup.Down : new KeyLookup(record, false);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.VerifyUnreachable(logger, ex.GetType().Name);
            return KeyLookup.Down;
        }
    }

    public async Task TouchAsync(IReadOnlyList<string> ids, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var body = SidecarJson.Content(new TouchBody(ids, at), AuthJsonContext.Default.TouchBody);
        using var response = await http.PostAsync("quota/keys/last-used", body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static partial class Log
    {
        [LoggerMessage(2101, LogLevel.Warning, "Key verification through quota failed with status {Status}")]
        public static partial void VerifyFailed(ILogger logger, int status);

        [LoggerMessage(2102, LogLevel.Warning, "Key verification through quota unreachable ({Error})")]
        public static partial void VerifyUnreachable(ILogger logger, string error);
    }
}
