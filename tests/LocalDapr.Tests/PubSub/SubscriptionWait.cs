using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>Waits until the sidecar reports the app's subscriptions in <c>/v1.0/metadata</c> (delivery has started).</summary>
public static class SubscriptionWait
{
    public static async Task ForSubscriptionsAsync(SidecarProcess sidecar, int count)
    {
        var http = sidecar.CreateHttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var metadata = await http.GetFromJsonAsync<JsonElement>("v1.0/metadata");
                seen = metadata.TryGetProperty("subscriptions", out var subs) ? subs.GetArrayLength() : 0;
                if (seen >= count)
                {
                    await Task.Delay(200); // consumer groups are created right after the list is published
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"sidecar reported {seen} subscriptions, expected {count}:\n{sidecar.Output}");
    }
}
