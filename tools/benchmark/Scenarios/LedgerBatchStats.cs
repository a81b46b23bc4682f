using System.Globalization;
using Dapr.AiProvider.Benchmark.Measure;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Quota's <c>ai_provider_usage_batch_rows</c> histogram, read from its <c>/metrics</c> before and after a
/// run: how many ledger batches (statement + commit) the events took, and their mean size.
/// </summary>
internal sealed class LedgerBatchStats(BenchContext context)
{
    private const string Metric = "ai_provider_usage_batch_rows";
    private (double Sum, double Count) _start;

    public async Task StartAsync(CancellationToken cancellationToken) => _start = await ReadAsync(cancellationToken);

    /// <summary>Batches since <see cref="StartAsync"/> and rows per batch, as text for a table cell.</summary>
    public async Task<(string Batches, string MeanRows)> StopAsync(CancellationToken cancellationToken)
    {
        var (sum, count) = await ReadAsync(cancellationToken);
        var batches = count - _start.Count;
        return batches <= 0 ? ("?", "?")
            : (batches.ToString("#,0", CultureInfo.InvariantCulture), ((sum - _start.Sum) / batches).ToString("0.0", CultureInfo.InvariantCulture));
    }

    private async Task<(double Sum, double Count)> ReadAsync(CancellationToken cancellationToken)
    {
        using var quota = HttpClients.Create(new Uri($"http://127.0.0.1:{context.Stack.Ports.Quota}"));
        var text = await quota.GetStringAsync("/metrics", cancellationToken);
        double sum = 0, count = 0;
        foreach (var line in text.Split('\n'))
        {
            // prometheus-net prefixes the meter's name: dapr_aiprovider_quota_ai_provider_usage_batch_rows_sum
            if (line.StartsWith('#'))
            {
                continue;
            }
            if (line.Contains(Metric + "_sum", StringComparison.Ordinal))
            {
                sum += Value(line);
            }
            else if (line.Contains(Metric + "_count", StringComparison.Ordinal))
            {
                count += Value(line);
            }
        }
        return (sum, count);
    }

    private static double Value(string line) =>
        double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
}
