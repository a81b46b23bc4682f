using System.Globalization;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Benchmark.Scenarios.FreeDay;
using Dapr.AiProvider.Benchmark.Workloads;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 17: "a day of free tier". The agents' day (<c>Workloads/agents.jsonl</c>) replayed on an accelerated clock
/// against two fresh stacks in turn — the router leasing free-tier windows before each attempt (proactive) and the
/// same stack with that switched off (reactive: a provider is benched only after its 429, as before the issue) —
/// with the simulator enforcing the providers' published windows. Prints requests, share served free, paid cost,
/// upstream 429s, cache hits and latency for both.
/// </summary>
internal sealed class FreeDayScenario : IOwnStackScenario
{
    /// <summary>Seed target for the agents' cache hit ratio (issue 17 item 5).</summary>
    public const double CacheHitTarget = 30;

    public string Name => "free-day";

    /// <summary><c>AIPROVIDER_BENCH_DAY_TEAMS</c>: how many teams with the agents' habits share the gateway (default 1).</summary>
    private static int Teams =>
        int.TryParse(Environment.GetEnvironmentVariable("AIPROVIDER_BENCH_DAY_TEAMS"), CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;

    /// <summary>Simulated seconds per real second: a day in 10 minutes, or 2 with <c>--quick</c>.</summary>
    public static double Scale(bool quick) => quick ? 720 : 144;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var teams = Teams;
        var calls = AgentWorkload.ForTeams(AgentWorkload.Load(AgentWorkload.DefaultFile), teams);
        var scale = Scale(context.Options.Quick);
        var midnight = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1), TimeSpan.Zero);
        var who = teams == 1 ? "one team of 7 agents" : $"{teams} teams of 7 agents, each with its own key";
        Console.WriteLine($"\n== free-day: {calls.Count} agent calls from {who}, "
            + $"the day of {midnight:yyyy-MM-dd} (UTC) at {scale:0}× ({TimeSpan.FromDays(1) / scale:mm\\:ss} per day)");

        var proactive = await DayArm.RunAsync("proactive", true, calls, scale, midnight, cancellationToken);
        var reactive = await DayArm.RunAsync("reactive", false, calls, scale, midnight, cancellationToken);

        var table = new Table($"free-day — {calls.Count} calls of {who} over one day at {scale:0}×, published free-tier windows enforced",
            "router", "requests", "failed", "served free %", "cache hit %", "paid", "paid cost $", "credits $", "upstream calls", "upstream 429s",
            "window skips", "p50 ms", "p99 ms");
        foreach (var (arm, day) in new[] { ("proactive", proactive), ("reactive", reactive) })
        {
            table.Add(arm, day.Requests, day.Failed, Pct(day.ServedFreeShare), Pct(day.CacheHitShare), day.Paid,
                day.PaidCostUsd.ToString("0.0000", CultureInfo.InvariantCulture),
                day.CreditsUsd.ToString("0.0000", CultureInfo.InvariantCulture), day.UpstreamRequests, day.Upstream429s,
                day.WindowSkips, Table.Ms(day.P50Ms), Table.Ms(day.P99Ms));
        }
        table.Print();
        var providers = new Table("free-day — answers by provider (cache hits excluded)", "provider", "proactive", "reactive");
        foreach (var provider in proactive.ByProvider.Keys.Union(reactive.ByProvider.Keys).Order(StringComparer.Ordinal))
        {
            providers.Add(provider, proactive.ByProvider.GetValueOrDefault(provider), reactive.ByProvider.GetValueOrDefault(provider));
        }
        providers.Print();

        context.Summary.AtLeast(Name, "agents' cache hit ratio (seed: > 30 %)", proactive.CacheHitShare, CacheHitTarget, "%");
        context.Summary.AtMost(Name, "upstream 429s, proactive", proactive.Upstream429s, 0, "");
        context.Summary.AtMost(Name, "failed requests, proactive", proactive.Failed, 0, "");
        context.Summary.Info(Name, "served free, proactive / reactive", $"{Pct(proactive.ServedFreeShare)} / {Pct(reactive.ServedFreeShare)} %");
        context.Summary.Info(Name, "upstream 429s, reactive", reactive.Upstream429s.ToString(CultureInfo.InvariantCulture));
    }

    private static string Pct(double share) => share.ToString("0.0", CultureInfo.InvariantCulture);
}
