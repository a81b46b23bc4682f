using System.Net;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Reads the app's programmatic subscriptions (<c>GET /dapr/subscribe</c> with <c>dapr-app-id</c>, a few
/// tries while the app warms up; 404 = none) and the declarative Subscription resources.
/// </summary>
internal sealed partial class SubscriptionDiscovery(AppChannel app, SidecarOptions options, ILogger<SubscriptionDiscovery> logger)
{
    private const int Attempts = 5;

    public async Task<List<SubscriptionInfo>> DiscoverAsync(CancellationToken ct)
    {
        var all = new List<SubscriptionInfo>();
        try
        {
            all.AddRange(DeclarativeSubscriptions.Load(options));
        }
        catch (FormatException ex)
        {
            Log.BadDeclarative(logger, ex.Message);
        }
        all.AddRange(await ProgrammaticAsync(ct));
        return all;
    }

    private async Task<List<SubscriptionInfo>> ProgrammaticAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "dapr/subscribe");
                request.Headers.TryAddWithoutValidation("dapr-app-id", options.AppId);
                using var response = await app.Client.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return [];
                }
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    return body.Length == 0 ? [] : SubscriptionParser.Parse(body);
                }
                Log.SubscribeStatus(logger, (int)response.StatusCode, attempt);
            }
            catch (JsonException ex)
            {
                Log.BadSubscribe(logger, ex.Message);
                return [];
            }
            catch (HttpRequestException ex)
            {
                Log.SubscribeFailed(logger, ex.Message, attempt);
            }
            if (attempt >= Attempts)
            {
                return [];
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(131, LogLevel.Error, "declarative subscription ignored: {Error}")]
        public static partial void BadDeclarative(ILogger logger, string error);

        [LoggerMessage(132, LogLevel.Warning, "GET /dapr/subscribe answered {Status} (attempt {Attempt})")]
        public static partial void SubscribeStatus(ILogger logger, int status, int attempt);

        [LoggerMessage(133, LogLevel.Error, "GET /dapr/subscribe returned an invalid body: {Error}")]
        public static partial void BadSubscribe(ILogger logger, string error);

        [LoggerMessage(134, LogLevel.Warning, "GET /dapr/subscribe failed: {Error} (attempt {Attempt})")]
        public static partial void SubscribeFailed(ILogger logger, string error, int attempt);
    }
}
