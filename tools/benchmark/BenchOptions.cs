using Dapr.AiProvider.Benchmark.Scenarios;

namespace Dapr.AiProvider.Benchmark;

/// <summary>Command line: <c>[scenario…|--all] [--quick]</c>.</summary>
/// <remarks>Scenarios run in the order listed; those that start their own stacks run after the shared stack is stopped.</remarks>
internal sealed record BenchOptions(IReadOnlyList<IScenario> Scenarios, bool Quick)
{
    public static readonly IReadOnlyList<IScenario> All =
        [new GatewayScenario(), new CacheHitScenario(), new AdaptersScenario(), new TranslationScenario(), new AuthScenario(), new LedgerScenario(),
            new PeerScenario(), new StreamsScenario()];

    /// <summary>
    /// Every scenario by name: <c>--all</c> and these; <c>free-day</c> (two stacks, minutes), <c>hops</c> (a diagnosis of
    /// <c>gateway</c>'s streaming figure, hop by hop) and <c>hold</c> (the stack kept running for a profiler) only when named.
    /// </summary>
    private static readonly IReadOnlyList<IScenario> Known = [.. All, new FreeDayScenario(), new HopsScenario(), new HoldScenario()];

    public static string Usage =>
        "usage: dotnet tools/benchmark/bin/Release/net10.0/Dapr.AiProvider.Benchmark.dll [scenario…|--all] [--quick]\n"
        + "scenarios: " + string.Join(", ", Known.Select(s => s.Name))
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
            else if (Known.FirstOrDefault(s => s.Name == arg) is { } scenario)
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

/// <summary>What every scenario gets: the shared running stack, the options, the summary to add its verdicts to.</summary>
/// <param name="SharedStack">Null for scenarios that start their own (<see cref="IOwnStackScenario"/>).</param>
internal sealed record BenchContext(Stack.BenchStack? SharedStack, BenchOptions Options, Report.Summary Summary)
{
    public Stack.BenchStack Stack => SharedStack ?? throw new InvalidOperationException("this scenario was run without the shared stack");
}
