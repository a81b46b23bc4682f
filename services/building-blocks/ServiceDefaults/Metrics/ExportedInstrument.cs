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
        try
        {
            Apply(shape.KnownChild(tags) ?? Child(shape, tags), value);
        }
        catch (ArgumentException)
        {
            // A negative counter increment or NaN: prometheus-net refuses it, and throwing here would disable
            // the instrument for good (MeterListener), so the one bad measurement is dropped.
        }
    }

    /// <summary>prometheus-net's child for these tag values (its own lookup: labels built, hashed and found under a lock).</summary>
    private object Child(Shape shape, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = ArrayPool<string>.Shared.Rent(tags.Length);
        try
        {
            for (var i = 0; i < shape.Order.Length; i++)
            {
                labels[i] = LabelValue(tags[shape.Order[i]].Value);
            }
            var span = labels.AsSpan(0, tags.Length);
            object child = shape.Metric switch
            {
                Counter counter => span.IsEmpty ? counter : counter.WithLabels(span),
                Gauge gauge => span.IsEmpty ? gauge : gauge.WithLabels(span),
                Histogram histogram => span.IsEmpty ? histogram : histogram.WithLabels(span),
                _ => throw new InvalidOperationException($"No child for {shape.Metric.GetType().Name}."),
            };
            shape.Remember(tags, child);
            return child;
        }
        finally
        {
            ArrayPool<string>.Shared.Return(labels);
        }
    }

    private void Apply(object child, double value)
    {
        switch (_kind)
        {
            case Kind.CounterAdd:
                ((ICounter)child).Inc(value);
                break;
            case Kind.CounterTotal:
                ((ICounter)child).IncTo(value);
                break;
            case Kind.GaugeAdd:
                ((IGauge)child).Inc(value);
                break;
            case Kind.GaugeSet:
                ((IGauge)child).Set(value);
                break;
            case Kind.Histogram:
                ((IHistogram)child).Observe(value);
                break;
        }
    }

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

    /// <summary>
    /// The tag keys in the order one call site passes them, and where each sorted label comes from; and the children
    /// of the tag values met first (<see cref="MaxKnownChildren"/> at most), found again by comparing the values the
    /// call site passes (mostly the same string instances: catalog names, constants) instead of by prometheus-net's
    /// lookup, which was most of a measurement's cost (docs/benchmarks-peer.md, "Session 11: the router's miss path").
    /// </summary>
    private sealed class Shape(string[] keys, int[] order, Collector metric)
    {
        public string[] Keys { get; } = keys;

        public int[] Order { get; } = order;

        public Collector Metric { get; } = metric;

        /// <summary>Enough for a service's usual label sets; others still work, through prometheus-net's lookup.</summary>
        internal const int MaxKnownChildren = 32;

        private readonly Lock _gate = new();
        private volatile KnownChild[] _known = [];

        public object? KnownChild(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var known in _known)
            {
                if (known.Matches(tags))
                {
                    return known.Child;
                }
            }
            return null;
        }

        /// <summary>Keeps the child for these values, when they are of a kind compared exactly and there is room.</summary>
        public void Remember(ReadOnlySpan<KeyValuePair<string, object?>> tags, object child)
        {
            var values = new object?[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                if (tags[i].Value is not (null or string or bool or int or long))
                {
                    return; // e.g. a double: 0.0 equals -0.0, but their labels differ
                }
                values[i] = tags[i].Value;
            }
            lock (_gate)
            {
                if (_known.Length < MaxKnownChildren && KnownChild(tags) is null)
                {
                    _known = [.. _known, new KnownChild(values, child)];
                }
            }
        }

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

    /// <summary>Tag values (in the call site's order) and their prometheus-net child.</summary>
    private sealed class KnownChild(object?[] values, object child)
    {
        public object Child { get; } = child;

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var value = tags[i].Value;
                var same = values[i] switch
                {
                    null => value is null,
                    string text => value is string other && string.Equals(text, other, StringComparison.Ordinal),
                    var boxed => boxed.Equals(value), // bool, int or long: equal values, equal labels
                };
                if (!same)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
