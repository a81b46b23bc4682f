using System.Net;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Every HTTP fault of the simulator's catalog, per family → the documented class (424 + header).</summary>
[Trait("Category", "Process")]
public sealed class FaultClassificationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    public static TheoryData<string, string, string, ErrorClass, QuotaWindowKind?> Faults
    {
        get
        {
            var data = new TheoryData<string, string, string, ErrorClass, QuotaWindowKind?>();
            void Common(string provider, string model)
            {
                data.Add(provider, model, "overloaded", ErrorClass.Overloaded, null);
                data.Add(provider, model, "key_invalid", ErrorClass.KeyInvalid, null);
                data.Add(provider, model, "billing", ErrorClass.Billing, null);
                data.Add(provider, model, "context_length", ErrorClass.ContextLength, null);
                data.Add(provider, model, "model_not_found", ErrorClass.ModelNotFound, null);
                data.Add(provider, model, "server_error", ErrorClass.UpstreamError, null);
                data.Add(provider, model, "stream_error_before_content", ErrorClass.Overloaded, null);
            }
            Common("openai", "gpt-4o-mini");
            data.Add("openai", "gpt-4o-mini", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("openai", "gpt-4o-mini", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Month);
            Common("anthropic", "claude-haiku-5-5");
            data.Add("anthropic", "claude-haiku-5-5", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("anthropic", "claude-haiku-5-5", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Month);
            Common("gemini", "gemini-2.5-flash");
            data.Add("gemini", "gemini-2.5-flash", "rate_limited", ErrorClass.QuotaExhausted, QuotaWindowKind.Minute);
            data.Add("gemini", "gemini-2.5-flash", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Day);
            data.Add("gemini", "gemini-2.5-flash", "quota_zero", ErrorClass.QuotaExhausted, QuotaWindowKind.None);
            Common("huggingface", "meta-llama/Llama-3.1-8B-Instruct");
            data.Add("huggingface", "meta-llama/Llama-3.1-8B-Instruct", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("huggingface", "meta-llama/Llama-3.1-8B-Instruct", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Month);
            Common("groq", "llama-3.1-8b-instant");
            data.Add("groq", "llama-3.1-8b-instant", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("groq", "llama-3.1-8b-instant", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Day);
            data.Add("groq", "llama-3.1-8b-instant", "model_retired", ErrorClass.ModelRetired, null);
            data.Add("cerebras", "gpt-oss-120b", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("cerebras", "gpt-oss-120b", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Day);
            data.Add("mistral", "mistral-small-latest", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("openrouter", "meta-llama/llama-3.2-3b-instruct:free", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("openrouter", "meta-llama/llama-3.2-3b-instruct:free", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Day);
            Common("cloudflare", "@cf/meta/llama-3.1-8b-instruct");
            data.Add("cloudflare", "@cf/meta/llama-3.1-8b-instruct", "quota_exhausted", ErrorClass.QuotaExhausted, QuotaWindowKind.Day);
            Common("ollama", "llama3.1");
            data.Add("ollama", "llama3.1", "rate_limited", ErrorClass.RateLimited, null);
            data.Add("tgi", "tgi-local", "overloaded", ErrorClass.Overloaded, null);
            data.Add("tgi", "tgi-local", "rate_limited", ErrorClass.Overloaded, null);
            data.Add("tgi", "tgi-local", "key_invalid", ErrorClass.KeyInvalid, null);
            data.Add("tgi", "tgi-local", "billing", ErrorClass.Billing, null);
            data.Add("tgi", "tgi-local", "context_length", ErrorClass.ContextLength, null);
            data.Add("tgi", "tgi-local", "model_not_found", ErrorClass.ModelNotFound, null);
            data.Add("tgi", "tgi-local", "server_error", ErrorClass.UpstreamError, null);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Chat_ProviderFault_Is424WithDocumentedClass(string provider, string model, string fault, ErrorClass expected, QuotaWindowKind? window)
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request(provider, model, $"hello [[sim:fault={fault}]]"), stream: false);

        Assert.Equal((HttpStatusCode)AdapterRoutes.AdapterErrorStatus, response.StatusCode);
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.Equal(expected, error.Class);
        Assert.Equal(window, error.QuotaWindow);
        Assert.Equal(provider, error.Provider);
        Assert.True(error.ProviderStatus >= 400);
        Assert.DoesNotContain("sim-key", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProviderAdapters.Errors.ClassifiedMessage.For(expected, error.Provider, error.Model, error.ProviderStatus), error.Message);
        Assert.Equal(ErrorClassNames.Of(expected), response.Headers.GetValues(AdapterRoutes.ErrorClassHeader).Single());
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-5-5")]
    [InlineData("gemini", "gemini-2.5-flash")]
    [InlineData("tgi", "tgi-local")]
    public async Task ChatStream_FaultBeforeTheStream_Is424NotAStream(string provider, string model)
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request(provider, model, "hello [[sim:fault=overloaded]]"), stream: true);
        Assert.Equal((HttpStatusCode)AdapterRoutes.AdapterErrorStatus, response.StatusCode);
        Assert.Equal("overloaded", response.Headers.GetValues(AdapterRoutes.ErrorClassHeader).Single());
        Assert.Equal(ErrorClass.Overloaded, (await AdapterCalls.ReadErrorAsync(response)).Class);
    }

    public void Dispose() => _app.Dispose();
}
