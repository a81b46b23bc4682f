using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Quota.Tests.Infrastructure;

/// <summary>
/// A deterministic mix of usage events over three UTC days starting <see cref="Start"/>: several keys,
/// teams, providers and models (some missing), task types, cache hits, errors, odd minutes and seconds.
/// </summary>
public static class UsageMix
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<UsageRecorded> Create(int count, string prefix = "mix")
    {
        var random = new Random(20261101);
        string?[] keys = ["key-a", "key-b", "key-c", "key-d", null];
        string?[] teams = ["platform", "search", null];
        (string?, string?)[] models = [("openai", "gpt-4o-mini"), ("openai", "gpt-4o"), ("gemini", "gemini-2.5-flash"), ("anthropic", null), (null, null)];
        string[] tasks = ["chat", "code", "summarize"];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var (provider, model) = models[random.Next(models.Length)];
            return new UsageRecorded
            {
                RequestId = $"{prefix}-{i}",
                OccurredAt = Start.AddSeconds(random.Next(3 * 24 * 3600)).AddMilliseconds(random.Next(1000)),
                ApiKeyId = keys[random.Next(keys.Length)],
                Team = teams[random.Next(teams.Length)],
                TaskType = tasks[random.Next(tasks.Length)],
                Provider = provider,
                Model = model,
                Tokens = new TokenUsage
                {
                    InputTokens = random.Next(2_000), CachedInputTokens = random.Next(100), OutputTokens = random.Next(800),
                },
                CostMicros = random.Next(50_000),
                LatencyMs = random.Next(5_000),
                CacheHit = random.Next(5) == 0,
                ErrorClass = random.Next(8) == 0 ? ErrorClass.RateLimited : null,
                Attempts = 1 + random.Next(3),
                Status = 200,
            };
        }).Select((usage, i) => usage with { Status = StatusOf(usage, i) })];
    }

    /// <summary>
    /// Failures as the gateway records them: 429 with a class, 503 and 404 without one (which analytics must
    /// still count as errors), and a 200 stream that ended with an in-band error (a class, status 200).
    /// </summary>
    private static int StatusOf(UsageRecorded usage, int i) => (usage.ErrorClass, i % 17, i % 19) switch
    {
        (not null, _, _) => i % 2 == 0 ? 429 : 200,
        (null, 0, _) => 503,
        (null, _, 0) => 404,
        _ => 200,
    };

    /// <summary>Posts every event, then a third of them again, all at once (redeliveries race their originals).</summary>
    public static async Task PostWithRedeliveriesAsync(HttpClient client, IReadOnlyList<UsageRecorded> events)
    {
        var deliveries = events.Concat(events.Where((_, i) => i % 3 == 0))
            .Select(async e => await CloudEvents.StatusAsync(await client.PostAsync("/usage", CloudEvents.Envelope(e))));
        Assert.All(await Task.WhenAll(deliveries), s => Assert.Equal("SUCCESS", s));
    }
}
