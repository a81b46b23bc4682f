namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>Issue 6: ledger ingest rate, then analytics latency on generated rows (10 million, 1 million with --quick).</summary>
internal sealed class LedgerScenario : IScenario
{
    public string Name => "ledger";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await LedgerIngest.RunAsync(context, cancellationToken);

        var rows = context.Options.AnalyticsRows;
        Console.WriteLine($"\n== ledger analytics: generating {rows:#,0} rows in usage_metrics ({(context.Options.Quick ? "--quick" : "full")} mode)");
        var took = await LedgerRows.GenerateAsync(context.Stack.LedgerConnectionString, rows, cancellationToken);
        Console.WriteLine($"   generated and indexed in {took.TotalSeconds:0.0} s");
        await LedgerAnalytics.RunAsync(context, rows, cancellationToken);
    }
}
