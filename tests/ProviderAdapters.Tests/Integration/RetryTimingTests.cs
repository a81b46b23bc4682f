using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Each way a provider says "come back later" → the right RetryAt.</summary>
[Trait("Category", "Process")]
public sealed class RetryTimingTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(5);
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Theory]
    [InlineData("openai", "gpt-4o-mini", "rate_limited")]
    [InlineData("openai", "gpt-4o-mini", "retry_after_http_date")]
    [InlineData("openai", "gpt-4o-mini", "retry_after_ms")]
    [InlineData("anthropic", "claude-haiku-5-5", "rate_limited")]
    [InlineData("anthropic", "claude-haiku-5-5", "retry_after_http_date")]
    [InlineData("gemini", "gemini-2.5-flash", "rate_limited")]
    [InlineData("groq", "llama-3.1-8b-instant", "retry_after_ms")]
    [InlineData("huggingface", "meta-llama/Llama-3.1-8B-Instruct", "retry_after_http_date")]
    [InlineData("ollama", "llama3.1", "rate_limited")]
    public async Task Chat_RetryHint_RetryAtIsNowPlusTheHint(string provider, string model, string fault)
    {
        using var client = _app.CreateClient();
        var before = DateTimeOffset.UtcNow;
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request(provider, model, $"hi [[sim:fault={fault},retry=90]]"), stream: false);
        var error = await AdapterCalls.ReadErrorAsync(response);

        Assert.NotNull(error.RetryAt);
        var expected = before.AddSeconds(90);
        Assert.InRange(error.RetryAt.Value, expected - Tolerance, expected + Tolerance);
    }

    [Fact]
    public async Task Chat_GeminiDailyQuota_RetryAtIsNextPacificMidnight()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("gemini", "gemini-2.5-flash", "hi [[sim:fault=quota_exhausted]]"), stream: false);
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.Equal(ErrorClass.QuotaExhausted, error.Class);
        Assert.True(error.PerModel);
        Assert.Equal(RetryTiming.NextPacificMidnight(DateTimeOffset.UtcNow), error.RetryAt);
    }

    [Fact]
    public async Task Chat_GroqDailyCap_RetryAtFollowsRetryAfterAndIsPerModel()
    {
        using var client = _app.CreateClient();
        var before = DateTimeOffset.UtcNow;
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("groq", "llama-3.1-8b-instant", "hi [[sim:fault=quota_exhausted]]"), stream: false);
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.Equal(QuotaWindowKind.Day, error.QuotaWindow);
        Assert.True(error.PerModel);
        Assert.True(error.RetryAt > before.AddMinutes(1), "a daily cap benches the model for longer than a minute window");
    }

    public void Dispose() => _app.Dispose();
}
