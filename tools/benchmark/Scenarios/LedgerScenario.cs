namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 6: ledger ingest rate (through the sidecar, and straight to quota for the split), then analytics
/// latency on generated rows (10 million, 1 million with --quick). <c>AIPROVIDER_BENCH_LEDGER_ROWS</c>
/// overrides the row count (0 skips analytics, for quick ingest-only runs).
/// </summary>
internal sealed class LedgerScenario : IScenario
{
    public string Name => "ledger";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await LedgerIngestDirect.RunAsync(context, context.Options.Quick ? 20_000 : 50_000, cancellationToken);
        await LedgerIngest.RunAsync(context, cancellationToken);

        var rows = int.TryParse(Environment.GetEnvironmentVariable("AIPROVIDER_BENCH_LEDGER_ROWS"), out var set) ? set : context.Options.AnalyticsRows;
        if (rows <= 0)
        {
            return;
        }
        Console.WriteLine($"\n== ledger analytics: generating {rows:#,0} rows in usage_metrics ({(context.Options.Quick ? "--quick" : "full")} mode)");
        var took = await LedgerRows.GenerateAsync(context.Stack.LedgerConnectionString, rows, cancellationToken);
        Console.WriteLine($"   generated and indexed in {took.TotalSeconds:0.0} s");
        await LedgerAnalytics.RunAsync(context, rows, cancellationToken);
    }
}
