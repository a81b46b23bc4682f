using System.Diagnostics;
using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Faults;

/// <summary>Time to first token, tokens per second, stall and slow drip (fixture: stall 2 s, slow drip 20 tokens/s).</summary>
[Trait("Category", "Process")]
public sealed class LatencyTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task TtftHeader_DelaysFirstContentChunk()
    {
        using var client = sim.Bearer();
        var clock = Stopwatch.StartNew();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "hi"),
            new Dictionary<string, string> { ["x-sim-ttft-ms"] = "300" });
        await response.Content.ReadAsStringAsync();

        Assert.InRange(clock.ElapsedMilliseconds, 290, 5000);
    }

    [Fact]
    public async Task TpsHeader_PacesStream()
    {
        using var client = sim.Bearer();
        var clock = Stopwatch.StartNew();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "one two three four", stream: true),
            new Dictionary<string, string> { ["x-sim-tps"] = "50" });
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        // "Simulated answer from openai/gpt-4o-mini: one two three four" ≈ 16 tokens at 50/s ≈ 320 ms.
        Assert.InRange(clock.ElapsedMilliseconds, 250, 5000);
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Fact]
    public async Task SlowDrip_TakesLongerButCompletes()
    {
        using var client = sim.Bearer();
        var clock = Stopwatch.StartNew();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=slow_drip]]", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.InRange(clock.ElapsedMilliseconds, 500, 10_000);
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Fact]
    public async Task Stall_SendsHeadersThenNothing()
    {
        using var client = sim.Bearer();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/anthropic/v1/messages", UriKind.Relative))
        {
            Content = new StringContent("""{"model":"m","max_tokens":9,"stream":true,"messages":[{"role":"user","content":"x [[sim:fault=stall]]"}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var buffer = new byte[64];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: true, quiet.Token));
    }
}
