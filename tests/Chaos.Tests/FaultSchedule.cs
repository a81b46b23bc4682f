using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>The faults of a run, in order, at fractions of the load's duration.</summary>
internal static class FaultSchedule
{
    private const string RouterDll = "Dapr.AiProvider.Router.dll";

    public static IReadOnlyList<Fault> Create(ChaosStack stack, HttpClient probe, LedgerReader ledger, ProbeRequests requests,
        InFlightAtStop inFlight, ChaosSettings settings)
    {
        var ports = stack.Ports;
        var routerReady = new Uri(stack.RouterUrl, "/readyz").ToString();
        IEnumerable<Fault?> faults =
        [
            Kill(stack, probe, "SIGKILL quota (app)", 0.10, "Dapr.AiProvider.Quota.dll", $"http://127.0.0.1:{Text(ports.Quota)}/healthz"),
            settings.RouterFaults ? RouterSigterm(stack, probe, requests, inFlight, 0.15, routerReady) : null,
            Kill(stack, probe, "SIGKILL provider-adapters' sidecar", 0.30, $"--dapr-http-port {Text(ports.AdaptersHttp)}",
                $"http://127.0.0.1:{Text(ports.AdaptersHttp)}/v1.0/healthz"),
            settings.AdaptersAppKill
                ? Kill(stack, probe, "SIGKILL provider-adapters (app)", 0.38, "Dapr.AiProvider.ProviderAdapters.dll",
                    $"http://127.0.0.1:{Text(ports.Adapters)}/healthz")
                : null,
            ProviderFaults(stack, probe, requests, 0.45),
            AddedLatency(stack, probe, requests, 0.50),
            PostgresOutage(stack, ledger, 0.55, settings.PostgresOutage),
            settings.RouterFaults ? RouterSigkill(stack, probe, requests, 0.65, routerReady) : null,
            new Fault("Redis SIGKILLed and restarted (AOF, appendfsync always)", 0.75,
                () => stack.Redis.CrashAndRestartAsync(), async () => await stack.Redis.AnswersAsync() && await requests.FullAnswerAsync()),
            Kill(stack, probe, "SIGKILL quota's sidecar", 0.85, $"--dapr-http-port {Text(ports.QuotaHttp)}",
                $"http://127.0.0.1:{Text(ports.QuotaHttp)}/v1.0/healthz"),
        ];
        return [.. faults.OfType<Fault>()];
    }

    /// <summary>SIGKILL the process whose command line holds <paramref name="commandLine"/>; recovered once a new one answers <paramref name="healthUrl"/>.</summary>
    private static Fault Kill(ChaosStack stack, HttpClient probe, string name, double at, string commandLine, string healthUrl)
    {
        int? killed = null;
        return new Fault(name, at,
            () =>
            {
                killed = stack.Pid(commandLine) ?? throw new InvalidOperationException($"{name}: no process with '{commandLine}'");
                ChildProcesses.Kill(killed.Value, "KILL");
                return Task.CompletedTask;
            },
            async () => stack.Pid(commandLine) is { } pid && pid != killed && await AnswersAsync(probe, healthUrl));
    }

    /// <summary>
    /// SIGKILL the router — a ready one: on a slow machine the router SIGTERMed before may still be draining or
    /// starting, so the kill waits (up to a minute) for a new router to answer <c>/readyz</c>. The run takes the
    /// fault's time after the kill (<see cref="ChaosRun"/>), which is what the loss window is measured from.
    /// </summary>
    private static Fault RouterSigkill(ChaosStack stack, HttpClient probe, ProbeRequests requests, double at, string readyUrl)
    {
        int? killed = null;
        return new Fault("SIGKILL the router", at,
            async () =>
            {
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
                while (!await AnswersAsync(probe, readyUrl) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
                killed = stack.Pid(RouterDll) ?? throw new InvalidOperationException($"no process with '{RouterDll}'");
                ChildProcesses.Kill(killed.Value, "KILL");
            },
            async () => stack.Pid(RouterDll) is { } pid && pid != killed && await AnswersAsync(probe, readyUrl)
                        && await requests.FullAnswerAsync())
        {
            Router = RouterExit.Killed,
        };
    }

    /// <summary>
    /// SIGTERM the router (as Kubernetes does on a rollout) while <see cref="InFlightAtStop"/>'s slow requests are
    /// in flight: they must finish, their usage must reach the ledger, and the launcher starts a new router.
    /// Recovered once the new router is ready and a probe request gets a full 200.
    /// </summary>
    private static Fault RouterSigterm(ChaosStack stack, HttpClient probe, ProbeRequests requests, InFlightAtStop inFlight, double at,
        string readyUrl)
    {
        int? stopped = null;
        return new Fault($"SIGTERM the router ({InFlightAtStop.Count} slow requests in flight)", at,
            async () =>
            {
                stopped = stack.Pid(RouterDll) ?? throw new InvalidOperationException($"no process with '{RouterDll}'");
                await inFlight.StartAsync();
                ChildProcesses.Kill(stopped.Value, "TERM");
            },
            async () => stack.Pid(RouterDll) is { } pid && pid != stopped && await AnswersAsync(probe, readyUrl)
                        && await requests.FullAnswerAsync())
        {
            Router = RouterExit.Graceful,
        };
    }

    /// <summary>
    /// Every provider answers overloaded a few times and two streams are cut after their first content;
    /// recovered once a probe request gets a full 200 and the scripted faults are used up (probes use them up too).
    /// </summary>
    private static Fault ProviderFaults(ChaosStack stack, HttpClient probe, ProbeRequests requests, double at) =>
        new("provider faults: 6 × overloaded, 2 × stream_cut", at,
            async () =>
            {
                foreach (var (fault, count) in new[] { ("overloaded", 6), ("stream_cut", 2) })
                {
                    using var body = new StringContent($$"""{"provider":"*","fault":"{{fault}}","count":{{count}}}""", Encoding.UTF8, "application/json");
                    using var response = await probe.PostAsync(new Uri(stack.SimulatorUrl, "/_sim/faults"), body);
                    response.EnsureSuccessStatusCode();
                }
            },
            async () => await requests.FullAnswerAsync() && await ProviderFaultsLeftAsync(stack, probe) == 0);

    /// <summary>
    /// The next 4 upstream calls, whatever the provider, answer at the simulator's <c>slow_drip</c> pace (2 tokens a
    /// second: about 24 s for the load's 48 tokens, inside the run's 30 s deadline); recovered once they are used up
    /// and a probe request gets a full 200.
    /// </summary>
    private static Fault AddedLatency(ChaosStack stack, HttpClient probe, ProbeRequests requests, double at) =>
        new("added latency: 4 × slow_drip (2 tokens/s)", at,
            async () =>
            {
                using var body = new StringContent("""{"provider":"*","fault":"slow_drip","count":4}""", Encoding.UTF8, "application/json");
                using var response = await probe.PostAsync(new Uri(stack.SimulatorUrl, "/_sim/faults"), body);
                response.EnsureSuccessStatusCode();
            },
            async () => await requests.FullAnswerAsync() && await ProviderFaultsLeftAsync(stack, probe) == 0);

    /// <summary>
    /// Quota cannot reach PostgreSQL for <paramref name="outage"/> (the relay refuses and cuts connections; the
    /// next faults keep their times); recovered once a new ledger row lands after it.
    /// </summary>
    private static Fault PostgresOutage(ChaosStack stack, LedgerReader ledger, double at, TimeSpan outage)
    {
        Task<int>? restored = null;
        return new Fault($"PostgreSQL unreachable for {outage.TotalSeconds:0.#} s", at,
            () =>
            {
                stack.LedgerProxy.Stop();
                restored = RestoreAsync();
                return Task.CompletedTask;
            },
            async () => restored is { IsCompleted: true } && (await ledger.RowsAsync()).Count > await restored);

        async Task<int> RestoreAsync()
        {
            await Task.Delay(outage);
            var rows = (await ledger.RowsAsync()).Count;
            stack.LedgerProxy.Start();
            return rows;
        }
    }

    /// <summary>Scripted faults not yet consumed (<c>GET /_sim/faults</c>: <c>{"faults":[{"remaining":N,…}]}</c>).</summary>
    private static async Task<int> ProviderFaultsLeftAsync(ChaosStack stack, HttpClient probe)
    {
        using var json = JsonDocument.Parse(await probe.GetStringAsync(new Uri(stack.SimulatorUrl, "/_sim/faults")));
        return json.RootElement.GetProperty("faults").EnumerateArray()
            .Sum(f => f.TryGetProperty("remaining", out var left) && left.ValueKind == JsonValueKind.Number ? left.GetInt32() : 1);
    }

    private static async Task<bool> AnswersAsync(HttpClient probe, string url)
    {
        try
        {
            using var response = await probe.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
