using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace Dapr.AiProvider.ServiceDefaults.Metrics;

/// <summary>
/// One instrument's prometheus-net metric. The metric is created per tag-key set (tags are unordered in .NET,
/// labels are sorted here), so a lookup on the hot path allocates nothing once a label set is known.
/// </summary>
internal sealed class ExportedInstrument
{
    /// <summary>How a measurement changes the series: .NET counters add, observable counters report totals, …</summary>
    private enum Kind { CounterAdd, CounterTotal, GaugeAdd, GaugeSet, Histogram }

    private readonly Kind _kind;
    private readonly string _name;
    private readonly string _help;
    private readonly double[]? _buckets;
    private readonly Lock _gate = new();
    private volatile Shape[] _shapes = [];

    private ExportedInstrument(Kind kind, string name, string help, double[]? buckets)
    {
        _kind = kind;
        _name = name;
        _help = help;
        _buckets = buckets;
    }

    /// <summary>Null for instrument types prometheus-net has no counterpart for.</summary>
    public static ExportedInstrument? For(Instrument instrument)
    {
        var kind = instrument.GetType().IsGenericType ? KindOf(instrument.GetType().GetGenericTypeDefinition()) : null;
        return kind is null ? null
            : new ExportedInstrument(kind.Value, PrometheusNames.Metric(instrument), instrument.Description ?? "", Buckets(instrument));
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var shape = ShapeFor(tags);
        var labels = ArrayPool<string>.Shared.Rent(tags.Length);
        try
        {
            for (var i = 0; i < shape.Order.Length; i++)
            {
                labels[i] = LabelValue(tags[shape.Order[i]].Value);
            }
            Apply(shape.Metric, labels.AsSpan(0, tags.Length), value);
        }
        catch (ArgumentException)
        {
            // A negative counter increment or NaN: prometheus-net refuses it, and throwing here would disable
            // the instrument for good (MeterListener), so the one bad measurement is dropped.
        }
        finally
        {
            ArrayPool<string>.Shared.Return(labels);
        }
    }

    private void Apply(Collector metric, ReadOnlySpan<string> labels, double value)
    {
        switch (_kind)
        {
            case Kind.CounterAdd:
                Child((Counter)metric, labels).Inc(value);
                break;
            case Kind.CounterTotal:
                Child((Counter)metric, labels).IncTo(value);
                break;
            case Kind.GaugeAdd:
                Child((Gauge)metric, labels).Inc(value);
                break;
            case Kind.GaugeSet:
                Child((Gauge)metric, labels).Set(value);
                break;
            case Kind.Histogram:
                Child((Histogram)metric, labels).Observe(value);
                break;
        }
    }

    private static ICounter Child(Counter metric, ReadOnlySpan<string> labels) => labels.IsEmpty ? metric : metric.WithLabels(labels);
    private static IGauge Child(Gauge metric, ReadOnlySpan<string> labels) => labels.IsEmpty ? metric : metric.WithLabels(labels);
    private static IHistogram Child(Histogram metric, ReadOnlySpan<string> labels) => labels.IsEmpty ? metric : metric.WithLabels(labels);

    private Shape ShapeFor(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var shape in _shapes)
        {
            if (shape.Matches(tags))
            {
                return shape;
            }
        }
        lock (_gate)
        {
            foreach (var shape in _shapes)
            {
                if (shape.Matches(tags))
                {
                    return shape;
                }
            }
            var added = CreateShape(tags);
            _shapes = [.. _shapes, added];
            return added;
        }
    }

    private Shape CreateShape(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var keys = new string[tags.Length];
        var labelNames = new string[tags.Length];
        var order = new int[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            keys[i] = tags[i].Key;
            labelNames[i] = PrometheusNames.Label(tags[i].Key);
            order[i] = i;
        }
        Array.Sort(labelNames, order, StringComparer.Ordinal);
        var factory = Prometheus.Metrics.DefaultFactory;
        Collector metric = _kind switch
        {
            Kind.CounterAdd or Kind.CounterTotal => factory.CreateCounter(_name, _help, labelNames),
            Kind.GaugeAdd or Kind.GaugeSet => factory.CreateGauge(_name, _help, labelNames),
            _ => factory.CreateHistogram(_name, _help, labelNames,
                new HistogramConfiguration { Buckets = _buckets ?? Prometheus.Histogram.ExponentialBuckets(0.005, 2, 16) }),
        };
        return new Shape(keys, order, metric);
    }

    private static Kind? KindOf(Type definition) =>
        definition == typeof(Counter<>) ? Kind.CounterAdd
        : definition == typeof(ObservableCounter<>) ? Kind.CounterTotal
        : definition == typeof(UpDownCounter<>) ? Kind.GaugeAdd
        : definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) ? Kind.GaugeSet
        : definition == typeof(Histogram<>) ? Kind.Histogram
        : null;

    private static double[]? Buckets(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };

    private static string LabelValue(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The tag keys in the order one call site passes them, and where each sorted label comes from.</summary>
    private sealed record Shape(string[] Keys, int[] Order, Collector Metric)
    {
        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length != Keys.Length)
            {
                return false;
            }
            for (var i = 0; i < tags.Length; i++)
            {
                if (!string.Equals(tags[i].Key, Keys[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
