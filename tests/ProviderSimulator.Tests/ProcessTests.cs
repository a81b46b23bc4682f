using System.Net;
using System.Net.Http.Headers;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.ProviderSimulator.Tests;

/// <summary>The built simulator as a real process: command-line URL and key, real sockets, real SSE.</summary>
[Trait("Category", "Process")]
public sealed class ProcessTests
{
    [Fact]
    public async Task RealProcess_CustomKeyAndUrl_ServesStreamsAndRejectsDefaultKey()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var process = TestProcess.StartDotnet("provider-simulator",
            RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", url, "--Simulator:ApiKey=proc-key"]);
        await process.WaitForHttpAsync(url + "/healthz", TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "proc-key");

        using var stream = await http.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "over real sockets", stream: true));
        var events = Sse.Parse(await stream.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorFixture.Key);
        using var rejected = await http.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x"));

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.True(events.Count >= 8);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
    }

    [Fact]
    public async Task RealProcess_NonStreamCut_DropsConnectionMidBody()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var process = TestProcess.StartDotnet("provider-simulator",
            RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", url]);
        await process.WaitForHttpAsync(url + "/healthz", TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorFixture.Key);

        var error = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=stream_cut]]"));
            await response.Content.ReadAsStringAsync();
        });

        Assert.True(error is HttpRequestException or IOException, error?.ToString() ?? "the cut body was read as complete");
    }

    [Fact]
    public async Task RealProcess_InvalidOptions_ExitsWithError()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var process = TestProcess.StartDotnet("provider-simulator",
            RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", url, "--Simulator:StallSeconds=0"]);

        var exited = await Task.Run(() =>
        {
            for (var i = 0; i < 300 && !process.HasExited; i++)
            {
                Thread.Sleep(100);
            }
            // The output pipes drain a moment after the exit.
            for (var i = 0; i < 50 && !process.Output.Contains("StallSeconds", StringComparison.Ordinal); i++)
            {
                Thread.Sleep(100);
            }
            return process.HasExited;
        });

        Assert.True(exited, "the simulator should refuse to start with StallSeconds=0");
        Assert.Contains("StallSeconds", process.Output, StringComparison.Ordinal);
    }
}
