using System.Net;
using System.Text.Json;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>
/// The last check before a request leaves: one reserved from a free-window lease that has ended is not sent (it could
/// reach the provider in a window its lease was not counted in), and one still in its lease is sent with the deadline,
/// which the simulator measures its arrival against (<c>GET /_sim/requests</c>, <c>leases</c>).
/// </summary>
[Trait("Category", "Process")]
public sealed class LeaseDeadlineTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Fact]
    public async Task Chat_LeaseEndedBeforeSend_NotSentAnswered202WindowLeaseEnded()
    {
        using var client = _app.CreateClient();
        var before = await ReceivedAsync("groq", "llama-3.1-8b-instant");
        var request = AdapterCalls.Request("groq", "llama-3.1-8b-instant", "hello") with { SendBy = DateTimeOffset.UtcNow.AddSeconds(-1) };

        using var response = await AdapterCalls.PostAsync(client, request, stream: false);
        using var streamed = await AdapterCalls.PostAsync(client, request, stream: true);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode); // not a failure: no 424 toward the hop's circuit breaker
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.Equal(ErrorClass.WindowLeaseEnded, error.Class);
        Assert.Equal(0, error.ProviderStatus);
        Assert.Equal(HttpStatusCode.Accepted, streamed.StatusCode);
        Assert.Equal(ErrorClass.WindowLeaseEnded, (await AdapterCalls.ReadErrorAsync(streamed)).Class);
        Assert.Equal(before, await ReceivedAsync("groq", "llama-3.1-8b-instant")); // neither reached the provider
    }

    [Fact]
    public async Task Chat_LeaseStillServing_SentWithItsDeadlineToTheSimulator()
    {
        using var client = _app.CreateClient();
        var leased = await LeasedAsync();
        var request = AdapterCalls.Request("cerebras", "gpt-oss-120b", "hello") with { SendBy = DateTimeOffset.UtcNow.AddMinutes(5) };

        using var response = await AdapterCalls.PostAsync(client, request, stream: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await LeasedAsync();
        Assert.Equal(leased.Leased + 1, after.Leased);
        Assert.Equal(leased.ArrivedLate, after.ArrivedLate); // arrived before its deadline
    }

    private async Task<int> ReceivedAsync(string provider, string model)
    {
        using var json = await SimulatorRequestsAsync();
        return json.RootElement.GetProperty("providers").TryGetProperty(provider, out var p)
            && p.GetProperty("models").TryGetProperty(model, out var count) ? count.GetInt32() : 0;
    }

    private async Task<(int Leased, int ArrivedLate)> LeasedAsync()
    {
        using var json = await SimulatorRequestsAsync();
        var leases = json.RootElement.GetProperty("leases");
        return (leases.GetProperty("leased").GetInt32(), leases.GetProperty("arrivedLate").GetInt32());
    }

    private async Task<JsonDocument> SimulatorRequestsAsync()
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(simulator.Url + "/_sim/requests"));
    }

    public void Dispose() => _app.Dispose();
}
