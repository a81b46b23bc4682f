using System.Diagnostics.Metrics;
using System.Text;

namespace Dapr.AiProvider.ServiceDefaults.Metrics;

/// <summary>
/// Exposition names for <see cref="System.Diagnostics.Metrics"/> instruments, following OpenTelemetry's
/// Prometheus compatibility rules (opentelemetry-specification, compatibility/prometheus_and_openmetrics.md):
/// dots become underscores, the unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>,
/// <c>1</c> on a gauge → <c>_ratio</c>; annotations in braces add nothing) and monotonic counters end in
/// <c>_total</c>. No meter prefix: the series names are the ones operators query.
/// </summary>
internal static class PrometheusNames
{
    public static string Metric(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var unitSuffix = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            "1" when IsGauge(instrument) => "_ratio",
            _ => "",
        };
        if (unitSuffix.Length > 0 && !name.EndsWith(unitSuffix, StringComparison.Ordinal))
        {
            name += unitSuffix;
        }
        if (IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    public static string Label(string tagKey) => Sanitize(tagKey);

    public static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>));
    }

    private static bool IsGauge(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>)
                || definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>));
    }

    /// <summary>Prometheus names are <c>[a-zA-Z_][a-zA-Z0-9_]*</c>: anything else becomes an underscore.</summary>
    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }
}
