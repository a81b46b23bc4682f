using System.Globalization;
using System.Text.Json.Nodes;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>
/// The longest time daprd can spend delivering one pub/sub message under an inbound resiliency target: every
/// attempt running to its timeout, plus every back-off at its largest. Exponential back-off is dapr/kit's
/// (cenkalti/backoff): initial 500 ms, multiplier 1.5, randomization 0.5 (an interval may grow by half), capped at
/// maxInterval (dapr/dapr pkg/resiliency, dapr/kit retry DefaultConfig).
/// </summary>
public static class RetryWindow
{
    private static readonly TimeSpan InitialInterval = TimeSpan.FromMilliseconds(500);
    private const double Multiplier = 1.5;
    private const double Randomization = 0.5;

    public static TimeSpan Longest(JsonObject resiliencySpec, string component)
    {
        var inbound = resiliencySpec["targets"]!["components"]![component]!["inbound"]!;
        var timeoutName = (string?)inbound["timeout"];
        Assert.True(timeoutName is not null, $"pub/sub {component}: an inbound retry without a per-attempt timeout has no bound");
        var timeout = Duration(resiliencySpec["policies"]!["timeouts"]![timeoutName]!);
        var retry = resiliencySpec["policies"]!["retries"]![(string)inbound["retry"]!]!;
        var retries = (int)(long)retry["maxRetries"]!;
        Assert.True(retries >= 0, $"pub/sub {component}: unlimited retries (maxRetries -1) have no bound");

        var backoff = TimeSpan.Zero;
        for (var k = 0; k < retries; k++)
        {
            backoff += (string?)retry["policy"] == "exponential"
                ? TimeSpan.FromTicks((long)Math.Min(InitialInterval.Ticks * Math.Pow(Multiplier, k), Duration(retry["maxInterval"]!).Ticks))
                : Duration(retry["duration"]!);
        }
        var randomized = (string?)retry["policy"] == "exponential" ? backoff * (1 + Randomization) : backoff;
        return timeout * (retries + 1) + randomized;
    }

    private static TimeSpan Duration(JsonNode node) => GoDuration.Parse((string)node!);

    public static int Int(JsonNode? node, int fallback) =>
        node is null ? fallback : int.Parse((string)node!, CultureInfo.InvariantCulture);
}
