using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>The faults of a run, in order, at fractions of the load's duration.</summary>
internal static class FaultSchedule
{
    public static IReadOnlyList<Fault> Create(ChaosStack stack, HttpClient probe, LedgerReader ledger, ProbeRequests requests, ChaosSettings settings)
    {
        var ports = stack.Ports;
        return
        [
            Kill(stack, probe, "SIGKILL quota (app)", 0.10, "Dapr.AiProvider.Quota.dll", $"http://127.0.0.1:{Text(ports.Quota)}/healthz"),
            Kill(stack, probe, "SIGKILL provider-adapters' sidecar", 0.30, $"--dapr-http-port {Text(ports.AdaptersHttp)}",
                $"http://127.0.0.1:{Text(ports.AdaptersHttp)}/v1.0/healthz"),
            ProviderFaults(stack, probe, requests, 0.45),
            PostgresOutage(stack, ledger, 0.55, settings.PostgresOutage),
            new Fault("Redis SIGKILLed and restarted (AOF, appendfsync always)", 0.75,
                () => stack.Redis.CrashAndRestartAsync(), async () => await stack.Redis.AnswersAsync() && await requests.FullAnswerAsync()),
            Kill(stack, probe, "SIGKILL quota's sidecar", 0.85, $"--dapr-http-port {Text(ports.QuotaHttp)}",
                $"http://127.0.0.1:{Text(ports.QuotaHttp)}/v1.0/healthz"),
        ];
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
