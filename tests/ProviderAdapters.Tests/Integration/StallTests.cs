using System.Net;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>A provider that sends headers and then nothing: the idle / attempt timeouts end the call.</summary>
[Trait("Category", "Process")]
public sealed class StallTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url,
        ("Providers:StreamIdleTimeout", "00:00:01"), ("Providers:AttemptTimeout", "00:00:02"));

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-5-5")]
    public async Task ChatStream_StallBeforeContent_EndsWithTimeoutError(string provider, string model)
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request(provider, model, "hi [[sim:fault=stall]]"), stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AdapterCalls.ReadStreamAsync(response);
        Assert.Equal(ErrorClass.Timeout, result.Error?.Class);
        Assert.False(result.Error!.AfterContent);
    }

    [Fact]
    public async Task Chat_StallNonStream_Is424Timeout()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("gemini", "gemini-2.5-flash", "hi [[sim:fault=stall]]"), stream: false);
        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        Assert.Equal(ErrorClass.Timeout, (await AdapterCalls.ReadErrorAsync(response)).Class);
    }

    public void Dispose() => _app.Dispose();
}
