using System.Globalization;
using System.Text;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// What a run measured, and its report. The router's two faults excuse a few answers, and only those: a
/// connection refused while the router was down (SIGTERM or SIGKILL until it was back, +1 s: with one replica
/// nothing else listens); a request cut by the SIGKILL (in flight at it: reset or no answer); and the usage
/// of requests answered within <see cref="LossWindow"/> before the SIGKILL, which the router still held in
/// memory (docs/chaos.md, "Router SIGKILL"). Every other request must be answered, and every answered
/// request's row must be in the ledger.
/// </summary>
internal sealed class ChaosResult
{
    /// <summary>
    /// How long the router holds an answered request's usage event before its sidecar has it: the publisher's
    /// linger (<c>Router:Usage:LingerMilliseconds</c>, 25 ms) plus one publish round trip (a few ms; well under a
    /// second even on a loaded machine). A SIGKILL loses at most the usage of this much traffic.
    /// </summary>
    public static readonly TimeSpan LossWindow = TimeSpan.FromSeconds(1);

    /// <summary>The fault's time is taken just before the signal: requests sent this long after it may still be in flight at it.</summary>
    private static readonly TimeSpan SignalSlack = TimeSpan.FromMilliseconds(500);

    private readonly IReadOnlyList<LoadOutcome> _outcomes;
    private readonly IReadOnlyDictionary<string, bool> _ledgerRows;
    private readonly IReadOnlyList<Fault> _faults;
    private readonly string _launcherOutput;
    private readonly TimeSpan _start;

    public ChaosResult(IReadOnlyList<LoadOutcome> outcomes, IReadOnlyList<Fault> faults, IReadOnlyDictionary<string, bool> ledgerRows,
        string launcherOutput, TimeSpan start)
    {
        (_outcomes, _faults, _ledgerRows, _launcherOutput, _start) = (outcomes, faults, ledgerRows, launcherOutput, start);
        var killedAt = faults.Where(f => f.Router == RouterExit.Killed).Select(f => (TimeSpan?)f.InjectedAt).FirstOrDefault();
        var routerDown = faults.Where(f => f.Router != RouterExit.None)
            .Select(f => (From: f.InjectedAt, To: (f.RecoveredAt ?? TimeSpan.MaxValue - TimeSpan.FromDays(1)) + TimeSpan.FromSeconds(1))).ToList();

        RefusedWhileRouterDown = [.. _outcomes.Where(o => o.Refused && routerDown.Any(w => o.StartedAt - _start >= w.From && o.StartedAt - _start <= w.To))];
        CutByRouterKill = killedAt is { } kill
            ? [.. _outcomes.Where(o => (o.End == StreamEnd.Reset || (!o.Answered && !o.Hung && !o.Refused))
                                      && o.StartedAt - _start <= kill + SignalSlack && o.EndedAt - _start >= kill)]
            : [];
        var excused = RefusedWhileRouterDown.Concat(CutByRouterKill).ToHashSet();
        Hung = [.. _outcomes.Where(o => o.Hung)];
        Unanswered = [.. _outcomes.Where(o => !o.Answered && !o.Hung && !excused.Contains(o))];
        Truncated = [.. _outcomes.Where(o => o.End == StreamEnd.Truncated || (o.End == StreamEnd.Reset && !excused.Contains(o)))];
        var reached = _outcomes.Where(o => !excused.Contains(o) || CutByRouterKill.Contains(o)).ToList();
        OkRatio = reached.Count == 0 ? 0 : (double)reached.Count(o => o.Ok) / reached.Count;

        var withId = _outcomes.Where(o => o.RequestId is not null).ToList();
        var missing = withId.Where(o => !ledgerRows.ContainsKey(o.RequestId!)).ToList();
        MayHaveBeenLost = killedAt is { } k ? [.. withId.Where(o => MayBeLostTo(o, k, start))] : [];
        LostToRouterKill = [.. missing.Where(MayHaveBeenLost.Contains)];
        MissingFromLedger = [.. missing.Where(o => !MayHaveBeenLost.Contains(o)).Select(o => o.RequestId!)];
        ExtraInLedger = [.. ledgerRows.Keys.Except(withId.Select(o => o.RequestId!))];
        UnansweredAtRouterKill = CutByRouterKill.Count(o => o.RequestId is null);

        // Errors compare over the requests both sides know; a request cut by the SIGKILL has no settled row.
        var compared = withId.Where(o => ledgerRows.ContainsKey(o.RequestId!) && !CutByRouterKill.Contains(o)).ToList();
        ClientErrors = compared.Count(o => !o.Ok);
        LedgerErrors = compared.Count(o => ledgerRows[o.RequestId!]);
    }

    /// <summary>
    /// True when <paramref name="outcome"/>'s usage may be lost to a router SIGKILL at <paramref name="killedAt"/>:
    /// answered within <see cref="LossWindow"/> before it, or still in flight at it.
    /// </summary>
    public static bool MayBeLostTo(LoadOutcome outcome, TimeSpan killedAt, TimeSpan start) =>
        outcome.StartedAt - start <= killedAt + SignalSlack && outcome.EndedAt - start >= killedAt - LossWindow;

    public IReadOnlyList<LoadOutcome> Hung { get; }
    /// <summary>No HTTP status at all (a transport error) and not excused by the router's faults.</summary>
    public IReadOnlyList<LoadOutcome> Unanswered { get; }
    /// <summary>Streams that ended cleanly without <c>[DONE]</c> or an error event, or were reset outside the router's SIGKILL.</summary>
    public IReadOnlyList<LoadOutcome> Truncated { get; }
    public IReadOnlyList<LoadOutcome> RefusedWhileRouterDown { get; }
    public IReadOnlyList<LoadOutcome> CutByRouterKill { get; }
    /// <summary>Requests whose usage the router SIGKILL may lose: the bound, in requests.</summary>
    public IReadOnlyList<LoadOutcome> MayHaveBeenLost { get; }
    /// <summary>Requests that got a request id but no ledger row, all within the SIGKILL's window.</summary>
    public IReadOnlyList<LoadOutcome> LostToRouterKill { get; }
    /// <summary>Cut by the SIGKILL before their headers: the ledger may hold their rows without the client knowing the id.</summary>
    public int UnansweredAtRouterKill { get; }
    /// <summary>Full 200s among the requests that reached a router (connections refused while it was down left out).</summary>
    public double OkRatio { get; }
    /// <summary>Answers that were not a full 200 (an error status, or a stream ended by an in-band error), among requests with a ledger row.</summary>
    public int ClientErrors { get; }
    public int LedgerErrors { get; }
    public IReadOnlyList<string> MissingFromLedger { get; }
    public IReadOnlyList<string> ExtraInLedger { get; }

    public string Report(ChaosSettings settings)
    {
        var text = new StringBuilder();
        var ok = _outcomes.Count(o => o.Ok);
        Line(text, $"Chaos run: {_outcomes.Count} requests over {settings.Duration.TotalSeconds:0} s ({settings.Rate:0.#}/s open loop, half streamed)");
        Line(text, $"  full 200: {ok} ({OkRatio:P1} of the requests that reached a router); other answers: {ClientErrors}; in-band stream errors: {_outcomes.Count(o => o.End == StreamEnd.InBandError)}");
        Line(text, $"  refused while the router was down (one replica): {RefusedWhileRouterDown.Count}; cut by the router's SIGKILL: {CutByRouterKill.Count} " +
                   $"({CutByRouterKill.Count(o => o.End == StreamEnd.Reset)} streams reset, {UnansweredAtRouterKill} without an answer)");
        Line(text, $"  hung past the deadline: {Hung.Count}; no answer: {Unanswered.Count}; streams cut silently: {Truncated.Count}");
        Line(text, $"  latency p50 {Percentile(0.5)} s, p99 {Percentile(0.99)} s, max {Percentile(1)} s");
        Line(text, $"  ledger: {_ledgerRows.Count} rows for {_outcomes.Count(o => o.RequestId is not null)} answered requests; " +
                   $"missing {MissingFromLedger.Count}, extra {ExtraInLedger.Count}; errors {LedgerErrors} (client saw {ClientErrors})");
        if (_faults.Any(f => f.Router == RouterExit.Killed))
        {
            Line(text, $"  usage lost to the router's SIGKILL: {LostToRouterKill.Count} request(s) " +
                       $"({LostToRouterKill.Count(o => !CutByRouterKill.Contains(o))} answered in full, {LostToRouterKill.Count(CutByRouterKill.Contains)} cut mid-answer); " +
                       $"bound: the {MayHaveBeenLost.Count} answered in the last {LossWindow.TotalSeconds:0.#} s before it or in flight at it");
        }
        Line(text, "Faults (seconds from the start of the load):");
        foreach (var fault in _faults)
        {
            var back = fault.RecoveredAt is { } at ? $"back after {Seconds(at - fault.InjectedAt)} s" : "NOT recovered";
            var firstOk = _outcomes.Where(o => o.Ok && o.StartedAt - _start >= fault.InjectedAt).Select(o => (TimeSpan?)(o.EndedAt - _start)).Min();
            var failedAfter = _outcomes.Count(o => !o.Ok && o.StartedAt - _start >= fault.InjectedAt && o.StartedAt - _start < (fault.RecoveredAt ?? fault.InjectedAt) + TimeSpan.FromSeconds(1));
            Line(text, $"  {Seconds(fault.InjectedAt),6} s  {fault.Name}: {back}; first full 200 of a request sent after it: {(firstOk is { } first ? $"+{Seconds(first - fault.InjectedAt)} s" : "none")}; " +
                       $"{failedAfter} request(s) sent until recovery (+1 s) not a full 200");
        }

        Line(text, "Timeline (per 2 s of sending: full 200 / other):");
        foreach (var slot in _outcomes.GroupBy(o => (int)((o.StartedAt - _start).TotalSeconds / 2)).OrderBy(g => g.Key))
        {
            Line(text, $"  {slot.Key * 2,4}–{slot.Key * 2 + 2,-4} s  {slot.Count(o => o.Ok),3} / {slot.Count(o => !o.Ok),-3} {new string('#', slot.Count(o => !o.Ok))}");
        }

        Line(text, "Answers that were not a full 200 (status: message, count):");
        foreach (var group in _outcomes.Where(o => !o.Ok).GroupBy(o => $"{o.Status?.ToString(CultureInfo.InvariantCulture) ?? "none"} {o.End}: {Shorten(o.Error)}")
                     .OrderByDescending(g => g.Count()).Take(10))
        {
            Line(text, $"  {group.Count(),4} × {group.Key}");
        }

        Line(text, "Launcher restarts:");
        foreach (var line in _launcherOutput.Split('\n').Where(l => l.StartsWith("🔁", StringComparison.Ordinal) || l.StartsWith("❌", StringComparison.Ordinal)))
        {
            Line(text, "  " + line);
        }

        return text.ToString();
    }

    private string Percentile(double p)
    {
        var sorted = _outcomes.Select(o => o.Elapsed.TotalSeconds).Order().ToList();
        return sorted.Count == 0 ? "-" : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Count) - 1)]
            .ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static string Shorten(string? error) => error is null ? "" : error.Length > 120 ? error[..120] + "…" : error;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
