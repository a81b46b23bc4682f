using System.Globalization;
using System.Text;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>What a run measured, and its report.</summary>
internal sealed class ChaosResult(IReadOnlyList<LoadOutcome> outcomes, IReadOnlyList<Fault> faults,
    IReadOnlyDictionary<string, bool> ledgerRows, string launcherOutput, TimeSpan start)
{
    public IReadOnlyList<LoadOutcome> Hung { get; } = [.. outcomes.Where(o => o.Hung)];
    /// <summary>No HTTP status at all (a transport error): the router is never killed, so this should not happen.</summary>
    public IReadOnlyList<LoadOutcome> Unanswered { get; } = [.. outcomes.Where(o => !o.Answered && !o.Hung)];
    public IReadOnlyList<LoadOutcome> Truncated { get; } = [.. outcomes.Where(o => o.Answered && o.End == StreamEnd.Truncated)];
    public double OkRatio { get; } = outcomes.Count == 0 ? 0 : (double)outcomes.Count(o => o.Ok) / outcomes.Count;
    /// <summary>Answers that were not a full 200 (an error status, or a stream ended by an in-band error).</summary>
    public int ClientErrors { get; } = outcomes.Count(o => o.RequestId is not null && !o.Ok);
    public int LedgerErrors { get; } = ledgerRows.Values.Count(failed => failed);
    public IReadOnlyList<string> MissingFromLedger { get; } =
        [.. outcomes.Where(o => o.RequestId is not null && !ledgerRows.ContainsKey(o.RequestId)).Select(o => o.RequestId!)];
    public IReadOnlyList<string> ExtraInLedger { get; } =
        [.. ledgerRows.Keys.Except(outcomes.Where(o => o.RequestId is not null).Select(o => o.RequestId!))];

    public string Report(ChaosSettings settings)
    {
        var text = new StringBuilder();
        var ok = outcomes.Count(o => o.Ok);
        Line(text, $"Chaos run: {outcomes.Count} requests over {settings.Duration.TotalSeconds:0} s ({settings.Rate:0.#}/s open loop, half streamed)");
        Line(text, $"  full 200: {ok} ({OkRatio:P1}); other answers: {ClientErrors}; in-band stream errors: {outcomes.Count(o => o.End == StreamEnd.InBandError)}");
        Line(text, $"  hung past the deadline: {Hung.Count}; no answer: {Unanswered.Count}; streams cut silently: {Truncated.Count}");
        Line(text, $"  latency p50 {Percentile(0.5)} s, p99 {Percentile(0.99)} s, max {Percentile(1)} s");
        Line(text, $"  ledger: {ledgerRows.Count} rows for {outcomes.Count(o => o.RequestId is not null)} answered requests; " +
                   $"missing {MissingFromLedger.Count}, extra {ExtraInLedger.Count}; errors {LedgerErrors} (client saw {ClientErrors})");
        Line(text, "Faults (seconds from the start of the load):");
        foreach (var fault in faults)
        {
            var back = fault.RecoveredAt is { } at ? $"back after {Seconds(at - fault.InjectedAt)} s" : "NOT recovered";
            var firstOk = outcomes.Where(o => o.Ok && o.StartedAt - start >= fault.InjectedAt).Select(o => (TimeSpan?)(o.EndedAt - start)).Min();
            var failedAfter = outcomes.Count(o => !o.Ok && o.StartedAt - start >= fault.InjectedAt && o.StartedAt - start < (fault.RecoveredAt ?? fault.InjectedAt) + TimeSpan.FromSeconds(1));
            Line(text, $"  {Seconds(fault.InjectedAt),6} s  {fault.Name}: {back}; first full 200 of a request sent after it: {(firstOk is { } first ? $"+{Seconds(first - fault.InjectedAt)} s" : "none")}; " +
                       $"{failedAfter} request(s) sent until recovery (+1 s) not a full 200");
        }

        Line(text, "Timeline (per 2 s of sending: full 200 / other):");
        foreach (var slot in outcomes.GroupBy(o => (int)((o.StartedAt - start).TotalSeconds / 2)).OrderBy(g => g.Key))
        {
            Line(text, $"  {slot.Key * 2,4}–{slot.Key * 2 + 2,-4} s  {slot.Count(o => o.Ok),3} / {slot.Count(o => !o.Ok),-3} {new string('#', slot.Count(o => !o.Ok))}");
        }

        Line(text, "Answers that were not a full 200 (status: message, count):");
        foreach (var group in outcomes.Where(o => !o.Ok).GroupBy(o => $"{o.Status?.ToString(CultureInfo.InvariantCulture) ?? "none"} {o.End}: {Shorten(o.Error)}")
                     .OrderByDescending(g => g.Count()).Take(10))
        {
            Line(text, $"  {group.Count(),4} × {group.Key}");
        }

        Line(text, "Launcher restarts:");
        foreach (var line in launcherOutput.Split('\n').Where(l => l.StartsWith("🔁", StringComparison.Ordinal) || l.StartsWith("❌", StringComparison.Ordinal)))
        {
            Line(text, "  " + line);
        }

        return text.ToString();
    }

    private string Percentile(double p)
    {
        var sorted = outcomes.Select(o => o.Elapsed.TotalSeconds).Order().ToList();
        return sorted.Count == 0 ? "-" : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Count) - 1)]
            .ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static string Shorten(string? error) => error is null ? "" : error.Length > 120 ? error[..120] + "…" : error;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
