using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>
/// prometheus-net's meter adapter only starts listening on its first export (prometheus-net issue
/// #487), so measurements before the first scrape would be lost; one export at start-up fixes that.
/// </summary>
internal sealed class MetricsWarmup : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
