using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Stack;
using Dapr.AiProvider.Benchmark.Workloads;

namespace Dapr.AiProvider.Benchmark.Scenarios.FreeDay;

/// <summary>
/// One arm of the day: a fresh stack whose every process runs on the same accelerated clock (<c>Clock__*</c>), the
/// simulator enforcing the published free-tier windows, the router proactive or reactive
/// (<c>Router__FreeWindows__Proactive</c>); the agents' calls replayed open-loop at their time of day.
/// </summary>
internal static class DayArm
{
    /// <summary>Real seconds between starting the stack and the day's midnight (the stack must be up by then).</summary>
    private static TimeSpan Lead => TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("AIPROVIDER_BENCH_DAY_LEAD_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 90);

    /// <param name="calls">The day's calls; a call of team <c>t</c> > 0 is sent with that team's own key (created here), team 0's with the bootstrap key.</param>
    public static async Task<DayTally> RunAsync(string name, bool proactive, IReadOnlyList<ScheduledCall> calls, double scale,
        DateTimeOffset midnight, CancellationToken cancellationToken)
    {
        var realStart = DateTimeOffset.UtcNow + Lead;
        var env = new Dictionary<string, string>
        {
            ["Clock__Scale"] = scale.ToString(CultureInfo.InvariantCulture),
            ["Clock__RealStart"] = realStart.ToString("O", CultureInfo.InvariantCulture),
            ["Clock__StartsAt"] = midnight.ToString("O", CultureInfo.InvariantCulture),
            ["Simulator__FreeTiers__Enforce"] = "true",
            ["Router__FreeWindows__Proactive"] = proactive ? "true" : "false",
        };
        Console.WriteLine($"\n== free-day, {name}: starting a stack (router proactive={proactive}); the day starts at {realStart:HH:mm:ss} UTC");
        await using var stack = await BenchStack.StartAsync(cancellationToken, env);
        var late = DateTimeOffset.UtcNow - realStart;
        if (late > TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"the stack was up {late.TotalSeconds:0} s after the day began; set AIPROVIDER_BENCH_DAY_LEAD_SECONDS above {Lead.TotalSeconds + late.TotalSeconds:0}");
        }
        using var gateway = HttpClients.Create(stack.RouterUrl, BenchStack.BootstrapKey);
        // The simulator-only Ollama and TGI accounts are models the operator runs, not providers' free tiers, and have no
        // window: left in, they absorb whatever the free tiers cannot take, and the day never reaches a paid model.
        foreach (var local in (string[])["ollama", "tgi"])
        {
            using var off = await gateway.PostAsync($"/admin/providers/{local}/disable", null, cancellationToken);
            off.EnsureSuccessStatusCode();
        }
        var keys = await TeamKeysAsync(gateway, calls.Max(c => c.Team), cancellationToken);
        var outcomes = new ConcurrentBag<CallOutcome>();
        var startTicks = Stopwatch.GetTimestamp() + (long)((realStart - DateTimeOffset.UtcNow).TotalSeconds * Stopwatch.Frequency);
        var inFlight = new List<Task>(calls.Count);
        foreach (var call in calls)
        {
            var due = startTicks + (long)(call.At.TotalSeconds / scale * Stopwatch.Frequency);
            await WaitUntilAsync(due, cancellationToken);
            inFlight.Add(SendAsync(gateway, call, keys[call.Team], due, outcomes, cancellationToken));
        }
        await Task.WhenAll(inFlight);
        FailedAnswers.PrintAndClear($"free-day, {name}");
        var (upstream, refused) = await SimulatorCountsAsync(stack.SimulatorUrl, cancellationToken);
        return DayTally.Of([.. outcomes], refused, upstream);
    }

    /// <summary>The bootstrap key for team 0, then one service key per further team (<c>POST /admin/keys</c>).</summary>
    private static async Task<string[]> TeamKeysAsync(HttpClient gateway, int lastTeam, CancellationToken cancellationToken)
    {
        var keys = new string[lastTeam + 1];
        keys[0] = BenchStack.BootstrapKey;
        for (var team = 1; team <= lastTeam; team++)
        {
            using var created = await gateway.PostAsync("/admin/keys",
                HttpClients.Json($$"""{"name":"free-day-team-{{team}}","role":"service"}"""), cancellationToken);
            var body = await created.Content.ReadAsStringAsync(cancellationToken);
            if (!created.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /admin/keys answered {(int)created.StatusCode}: {body}");
            }
            using var json = JsonDocument.Parse(body);
            keys[team] = json.RootElement.GetProperty("key").GetString()!;
        }
        return keys;
    }

    private static async Task SendAsync(HttpClient gateway, ScheduledCall call, string key, long due, ConcurrentBag<CallOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, call.Path) { Content = HttpClients.Json(call.Body) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var latency = LatencyRecorder.ToMs(Stopwatch.GetTimestamp() - due);
            if (!response.IsSuccessStatusCode)
            {
                await FailedAnswers.RecordAsync(response, cancellationToken); // printed after the arm: why, not only how many
            }
            outcomes.Add(new CallOutcome((int)response.StatusCode,
                Header(response, "x-aiprovider-cache") == "HIT",
                decimal.TryParse(Header(response, "x-aiprovider-cost-usd"), NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cost : 0,
                Header(response, "x-aiprovider-provider"),
                latency,
                Occurrences(Header(response, "x-aiprovider-fallbacks"), "free_window_exhausted"),
                Header(response, "x-aiprovider-free-tier") == "true"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            outcomes.Add(new CallOutcome(0, false, 0, null, LatencyRecorder.ToMs(Stopwatch.GetTimestamp() - due)));
        }
    }

    /// <summary>
    /// <c>GET /_sim/requests</c>: chat requests the providers received, and those their free tiers refused (printed per
    /// provider and model, to tell which window was tripped).
    /// </summary>
    private static async Task<(int Upstream, int Refused)> SimulatorCountsAsync(Uri simulator, CancellationToken cancellationToken)
    {
        using var client = HttpClients.Create(simulator);
        using var counts = JsonDocument.Parse(await client.GetStringAsync("/_sim/requests", cancellationToken));
        var root = counts.RootElement;
        var refused = root.GetProperty("rateLimited");
        var where = refused.GetProperty("providers").EnumerateObject()
            .SelectMany(p => p.Value.GetProperty("models").EnumerateObject().Select(m => $"{p.Name}/{m.Name} {m.Value.GetInt32()}"));
        Console.WriteLine($"upstream 429s by model: {string.Join(", ", where.DefaultIfEmpty("none"))}");
        if (root.TryGetProperty("leases", out var leases))
        {
            // Each refusal against the lease it was sent under: in lease = the windows were over-leased (a bug), late = it
            // arrived after its lease ended, in a window the lease was not counted in (x-aiprovider-send-by).
            Console.WriteLine($"lease deadlines: {leases.GetProperty("leased").GetInt32()} requests carried one, "
                + $"{leases.GetProperty("arrivedLate").GetInt32()} arrived after it; upstream 429s: "
                + $"{leases.GetProperty("refusedInLease").GetInt32()} arrived in lease, {leases.GetProperty("refusedLate").GetInt32()} late "
                + $"(at most {leases.GetProperty("maxRefusedLateSeconds").GetDouble():0.###} simulated s), "
                + $"{leases.GetProperty("refusedUnleased").GetInt32()} without a lease");
            foreach (var refusal in leases.GetProperty("inLease").EnumerateArray())
            {
                Console.WriteLine($"  refused in lease: {refusal.GetString()}");
            }
        }
        return (root.GetProperty("total").GetInt32(), refused.GetProperty("total").GetInt32());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int Occurrences(string? text, string word)
    {
        var count = 0;
        for (var at = text?.IndexOf(word, StringComparison.Ordinal) ?? -1; at >= 0; at = text!.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static async Task WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        var left = LatencyRecorder.ToMs(due - Stopwatch.GetTimestamp());
        if (left > 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(left), cancellationToken);
        }
    }
}
