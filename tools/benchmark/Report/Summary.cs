using System.Globalization;

namespace Dapr.AiProvider.Benchmark.Report;

/// <summary>Target against measured figure for every checked number; printed last.</summary>
internal sealed class Summary
{
    private readonly List<(string Scenario, string Metric, string Target, string Measured, string Verdict)> _rows = [];

    /// <summary>A figure that must stay at or below <paramref name="max"/>.</summary>
    public void AtMost(string scenario, string metric, double measured, double max, string unit) =>
        _rows.Add((scenario, metric, $"≤ {N(max)} {unit}", $"{N(measured)} {unit}", Verdict(measured <= max)));

    /// <summary>A figure that must stay below <paramref name="max"/>.</summary>
    public void Below(string scenario, string metric, double measured, double max, string unit) =>
        _rows.Add((scenario, metric, $"< {N(max)} {unit}", $"{N(measured)} {unit}", Verdict(measured < max)));

    /// <summary>A figure that must reach <paramref name="min"/>.</summary>
    public void AtLeast(string scenario, string metric, double measured, double min, string unit) =>
        _rows.Add((scenario, metric, $"≥ {N(min)} {unit}", $"{N(measured)} {unit}", Verdict(measured >= min)));

    /// <summary>A figure shown for context, without a target.</summary>
    public void Info(string scenario, string metric, string measured) => _rows.Add((scenario, metric, "—", measured, "info"));

    public bool HasErrors => _rows.Exists(r => r.Verdict == "ERROR");

    public void Failed(string scenario, string reason) => _rows.Add((scenario, "(scenario failed)", "—", reason, "ERROR"));

    public void Print()
    {
        var table = new Table("Summary", "scenario", "metric", "target", "measured", "result");
        foreach (var row in _rows)
        {
            table.Add(row.Scenario, row.Metric, row.Target, row.Measured, row.Verdict);
        }
        table.Print();
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "MISS";

    private static string N(double value) => double.IsNaN(value) ? "—"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.00", CultureInfo.InvariantCulture);
}
