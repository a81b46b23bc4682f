using Dapr.AiProvider.Benchmark.Scenarios;

namespace Dapr.AiProvider.Benchmark;

/// <summary>Command line: <c>[scenario…|--all] [--quick]</c>.</summary>
internal sealed record BenchOptions(IReadOnlyList<IScenario> Scenarios, bool Quick)
{
    public static readonly IReadOnlyList<IScenario> All =
        [new GatewayScenario(), new CacheHitScenario(), new AdaptersScenario(), new TranslationScenario(), new AuthScenario(), new LedgerScenario(),
            new PeerScenario(), new StreamsScenario()];

    public static string Usage =>
        "usage: dotnet tools/benchmark/bin/Release/net10.0/Dapr.AiProvider.Benchmark.dll [scenario…|--all] [--quick]\n"
        + "scenarios: " + string.Join(", ", All.Select(s => s.Name))
        + "\n--quick: shorter runs and 1 million generated ledger rows instead of 10 million";

    /// <summary>Seconds per measured run (each rate, each side).</summary>
    public double RunSeconds => Quick ? 3 : 6;

    /// <summary>Rows generated in PostgreSQL for the analytics queries.</summary>
    public int AnalyticsRows => Quick ? 1_000_000 : 10_000_000;

    public static BenchOptions? Parse(string[] args)
    {
        var quick = false;
        var chosen = new List<IScenario>();
        foreach (var arg in args)
        {
            if (arg is "--quick")
            {
                quick = true;
            }
            else if (arg is "--all")
            {
                chosen.AddRange(All);
            }
            else if (All.FirstOrDefault(s => s.Name == arg) is { } scenario)
            {
                chosen.Add(scenario);
            }
            else
            {
                return null;
            }
        }
        return chosen.Count == 0 ? null : new BenchOptions(chosen.Distinct().ToList(), quick);
    }
}

/// <summary>What every scenario gets: the running stack, the options, the summary to add its verdicts to.</summary>
internal sealed record BenchContext(Stack.BenchStack Stack, BenchOptions Options, Report.Summary Summary);
