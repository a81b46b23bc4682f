using System.Net;
using System.Text;
using Dapr.AiProvider.TestInfrastructure;
using Npgsql;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// Issue 19 item 2, a router SIGTERM: streams in flight run to their end, and their usage — recorded as each one ends,
/// during the drain, so still queued when the web server has stopped — is published before the process exits
/// (<c>services/router/Usage/UsagePublisherService.cs</c>). The launcher then starts a new router, so the shared
/// stack serves the next test.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class RouterShutdownTests(GatewayStack stack)
{
    private const string RouterDll = "Dapr.AiProvider.Router.dll";
    private const int InFlight = 3;

    [Fact]
    public async Task Sigterm_StreamsInFlight_EndInFullAndEveryOneHasItsLedgerRow()
    {
        var router = stack.Pid(RouterDll) ?? throw new InvalidOperationException($"no process with '{RouterDll}':\n{stack.LauncherOutput}");
        // slow_drip: 2 tokens a second, so 3 tokens take about 1.5 s — the SIGTERM lands mid-answer.
        var responses = await Task.WhenAll(Enumerable.Range(0, InFlight).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent($$"""
                    {"model":"auto","stream":true,"max_tokens":3,
                     "messages":[{"role":"user","content":"shutdown {{i}} {{Guid.NewGuid():N}} [[sim:fault=slow_drip]]"}]}
                    """, Encoding.UTF8, "application/json"),
            };
            return stack.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }));

        // Every stream has its headers: all three are being answered when the signal arrives.
        ChildProcesses.Kill(router, "TERM");
        var answered = new List<(string RequestId, string Body)>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                answered.Add((response.Headers.GetValues("x-aiprovider-request-id").Single(), await response.Content.ReadAsStringAsync()));
            }
        }
        await WaitForNewRouterAsync(router);

        Assert.All(answered, a => Assert.EndsWith("data: [DONE]", a.Body.TrimEnd(), StringComparison.Ordinal));
        Assert.Contains("app 'router' exited with code 0", stack.LauncherOutput, StringComparison.Ordinal);
        foreach (var (requestId, _) in answered)
        {
            Assert.Equal(1, await Ledger.WaitForUsageRowsAsync(stack.Ledger.ConnectionString, requestId, TimeSpan.FromSeconds(30)));
            Assert.Equal(200, await StatusAsync(requestId));
        }
    }

    /// <summary>The launcher restarts the router (exit code 0 is still an unexpected exit for it); bounded, never hangs.</summary>
    private async Task WaitForNewRouterAsync(int stopped)
    {
        using var probe = new HttpClient { BaseAddress = stack.RouterUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (stack.Pid(RouterDll) is { } pid && pid != stopped)
            {
                try
                {
                    using var ready = await probe.GetAsync("/readyz");
                    if (ready.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // still starting
                }
                catch (TaskCanceledException)
                {
                    // still starting
                }
            }
            await Task.Delay(200);
        }
        Assert.Fail($"no new router was ready 90 s after the SIGTERM:\n{stack.LauncherOutput}");
    }

    private async Task<int> StatusAsync(string requestId)
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Ledger.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT status FROM usage_metrics WHERE request_id = $1");
        command.Parameters.AddWithValue(requestId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
