using System.Text;
using Dapr.AiProvider.ServiceDefaults.Metrics;

namespace Dapr.AiProvider.Observability.Tests.Metrics;

/// <summary>What <c>/metrics</c> serves: prometheus-net's default registry in the text exposition format.</summary>
internal static class Scrape
{
    public static async Task<string[]> LinesAsync()
    {
        using var stream = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
    }

    /// <summary>The bridge must listen before instruments are created (as AddServiceDefaults does at start-up).</summary>
    public static void EnsureBridge() => PrometheusMeterBridge.EnsureStarted();
}
