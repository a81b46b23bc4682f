using System.Net;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Failures after the provider's 200: in-band errors and cut streams are errors, never a normal end.</summary>
[Trait("Category", "Process")]
public sealed class StreamFaultTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    public static TheoryData<string, string> Models => FamilyRoundTripTests.Models;

    [Theory]
    [MemberData(nameof(Models))]
    public async Task ChatStream_InBandErrorBeforeContent_EndsWithInterruptedBeforeContent(string provider, string model)
    {
        var result = await StreamAsync(provider, model, "stream_error_before_content");
        Assert.NotNull(result.Error);
        Assert.Equal(ErrorClass.StreamInterrupted, result.Error.Class);
        Assert.False(result.Error.AfterContent);
        Assert.Equal(200, result.Error.ProviderStatus);
        Assert.Null(result.Usage);
        Assert.DoesNotContain("done", result.Events);
        Assert.Equal("error", result.Events[^1]);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task ChatStream_CutAfterContent_EndsWithInterruptedAfterContent(string provider, string model)
    {
        var result = await StreamAsync(provider, model, "stream_cut");
        Assert.NotEmpty(result.Text);
        Assert.NotNull(result.Error);
        Assert.Equal(ErrorClass.StreamInterrupted, result.Error.Class);
        Assert.True(result.Error.AfterContent);
        Assert.DoesNotContain("done", result.Events);
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-5-5")]
    [InlineData("gemini", "gemini-2.5-flash")]
    public async Task Chat_BodyCutHalfWay_IsStreamInterrupted(string provider, string model)
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request(provider, model, "hi [[sim:fault=stream_cut]]"), stream: false);
        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.True(error.Class == ErrorClass.StreamInterrupted, $"{error.Class}: {error.Message}");
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-5-5")]
    [InlineData("gemini", "gemini-2.5-flash")]
    public async Task ChatStream_ContentFilterAfterPartialAnswer_EndsNormallyWithContentFilterFinish(string provider, string model)
    {
        var streamed = await StreamAsync(provider, model, "content_filter");
        Assert.Null(streamed.Error);
        Assert.NotEmpty(streamed.Text);
        Assert.Equal("content_filter", streamed.Usage!.FinishReason);
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-5-5")]
    public async Task Chat_ContentFilterWithPartialAnswer_ReturnsItWithContentFilterFinish(string provider, string model)
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request(provider, model, "hi there [[sim:fault=content_filter]]"), stream: false);
        var unary = await AdapterCalls.ReadResultAsync(response);
        Assert.Equal("content_filter", unary.Completion.Choices[0].FinishReason);
        Assert.Equal("content_filter", unary.Usage.FinishReason);
    }

    [Fact]
    public async Task Chat_GeminiSafetyBlockWithoutContent_Is424ContentFiltered()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("gemini", "gemini-2.5-flash", "hi there [[sim:fault=content_filter]]"), stream: false);
        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        Assert.Equal(ErrorClass.ContentFiltered, (await AdapterCalls.ReadErrorAsync(response)).Class);
    }

    private async Task<AdapterCalls.StreamResult> StreamAsync(string provider, string model, string fault)
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request(provider, model, $"Tell me a story about rivers and mountains [[sim:fault={fault}]]"), stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AdapterCalls.ReadStreamAsync(response);
    }

    public void Dispose() => _app.Dispose();
}
