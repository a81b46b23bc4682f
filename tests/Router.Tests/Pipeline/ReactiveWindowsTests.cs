using System.Net;
using System.Text;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Pipeline;

/// <summary>
/// <c>Router:FreeWindows:Proactive=false</c>, the free-day benchmark's reactive baseline: no window is leased before
/// an attempt, so a spent window is still sent to (the provider's 429 is what benches it), as before issue 17.
/// </summary>
public class ReactiveWindowsTests
{
    private static readonly CatalogModel Groq = TestCatalog.Model("groq", "llama-8b", free: true, input: 0, output: 0, aliases: ["llama"]) with
    {
        FreeWindows = new FreeTierWindows { RequestsPerMinute = 1, RequestsPerDay = 1_000, Scope = "model", ResetTimeZone = "UTC" },
    };

    private static readonly CatalogModel Paid = TestCatalog.Model("openai", "gpt-4o-mini", input: 150_000, output: 600_000, aliases: ["llama"]);

    private static StringContent Ask() =>
        new("""{"model":"llama","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(true, new[] { "groq", "openai" })]
    [InlineData(false, new[] { "groq", "groq" })]
    public async Task ChatCompletions_SpentWindow_SkippedOnlyWhenProactive(bool proactive, string[] servedBy)
    {
        using var factory = new RouterFactory();
        factory.Backend.Catalog = new ModelCatalog { Version = "reactive-1", Models = [Groq, Paid] };
        factory.Settings["Router:FreeWindows:Proactive"] = proactive ? "true" : "false";
        factory.Leases.RequestWindows[QuotaScopes.ProviderModel("groq", "llama-8b")] = (1, 1);
        using var client = factory.Authed();

        var served = new List<string>();
        foreach (var _ in servedBy)
        {
            using var response = await client.PostAsync("/v1/chat/completions", Ask());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(string.Join(",", response.Headers.GetValues("x-aiprovider-provider")));
        }

        Assert.Equal(servedBy, served);
        Assert.Equal(proactive, factory.Leases.Asked.Any(a => a.Scope.StartsWith("provider:", StringComparison.Ordinal)));
    }
}
