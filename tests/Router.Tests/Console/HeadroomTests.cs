using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Router.Tests.Console;

/// <summary>
/// <c>/admin/headroom</c> reads each free model's provider-window scope from its quota actor (<c>GET /quota/windows</c>):
/// the limits in force (learned ones included), used, leased and reset time, not the ledger.
/// </summary>
public class HeadroomTests
{
    private static readonly DateTimeOffset ResetsAt = new(2026, 12, 8, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Quota behind the sidecar: the flash scope's actor holds a learned day limit of 250; every other scope holds nothing yet.</summary>
    private sealed class ActorStatuses(HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request.RequestUri!.PathAndQuery);
            }
            var scopes = request.RequestUri.Query.TrimStart('?').Split('&').Select(p => Uri.UnescapeDataString(p["scope=".Length..]));
            var body = """{"unavailable":["provider:gemini:broken"],"statuses":[""" + string.Join(",", scopes.Where(s => s != "provider:gemini:broken").Select(scope => scope == "provider:gemini:flash"
                ? $$"""
                  {"scope":"{{scope}}","windows":[
                    {"rule":{"metric":"requests","period":"day","limit":250,"hard":true,"timeZone":"America/Los_Angeles"},"used":7,"leased":3,"remaining":240,"resetsAt":"{{ResetsAt:O}}"},
                    {"rule":{"metric":"requests","period":"minute","limit":10,"hard":true,"timeZone":"America/Los_Angeles"},"used":1,"leased":0,"remaining":9,"resetsAt":"{{ResetsAt:O}}"}]}
                  """
                : $$"""{"scope":"{{scope}}","windows":[]}""")) + "]}";
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static (RouterFactory Factory, HttpClient Client) Router(ActorStatuses quota)
    {
        var factory = new RouterFactory();
        factory.Backend.Catalog = new ModelCatalog
        {
            Version = "headroom-1",
            Models =
            [
                TestCatalog.Model("gemini", "flash", free: true, input: 0, output: 0) with
                {
                    FreeWindows = new FreeTierWindows { RequestsPerMinute = 10, RequestsPerDay = 100, ResetTimeZone = "America/Los_Angeles", Source = "https://ai.google.dev/gemini-api/docs/rate-limits" },
                },
                TestCatalog.Model("gemini", "pro", free: true, input: 0, output: 0) with
                {
                    FreeWindows = new FreeTierWindows { RequestsPerDay = 25, ResetTimeZone = "America/Los_Angeles", Source = "https://ai.google.dev/gemini-api/docs/rate-limits" },
                },
                TestCatalog.Model("gemini", "broken", free: true, input: 0, output: 0) with
                {
                    FreeWindows = new FreeTierWindows { RequestsPerMinute = 5, ResetTimeZone = "America/Los_Angeles", Source = "https://ai.google.dev/gemini-api/docs/rate-limits" },
                },
                TestCatalog.Model("openai", "gpt-4o"),
            ],
        };
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddHttpClient<QuotaAdminClient>().ConfigurePrimaryHttpMessageHandler(() => quota)));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", RouterFactory.Key);
        return (factory, client);
    }

    [Fact]
    public async Task Headroom_ShowsEachFreeScopeAsItsActorHoldsIt_AndTheCatalogsWindowsWhereNoneWasLeasedOrReadable()
    {
        var quota = new ActorStatuses();
        var (factory, client) = Router(quota);
        using var _ = factory;
        using var __ = client;

        using var response = await client.GetAsync("/admin/headroom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var models = body.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["broken", "flash", "pro"], models.Select(m => m.GetProperty("model").GetString()));
        Assert.Equal(["unavailable", "live", "not_started"], models.Select(m => m.GetProperty("state").GetString()));
        var flash = models[1];
        Assert.Equal("provider:gemini:flash", flash.GetProperty("scope").GetString());
        var day = flash.GetProperty("windows")[0];
        // The learned 250 a day, not the catalog's 100; leased slices count as taken.
        Assert.Equal(("requests", "day", 250L, 7L, 3L, 240L), (day.GetProperty("metric").GetString(), day.GetProperty("period").GetString(),
            day.GetProperty("limit").GetInt64(), day.GetProperty("used").GetInt64(), day.GetProperty("leased").GetInt64(), day.GetProperty("remaining").GetInt64()));
        Assert.Equal(ResetsAt, day.GetProperty("resetsAt").GetDateTimeOffset());
        var pro = models[2];
        var proDay = Assert.Single(pro.GetProperty("windows").EnumerateArray());
        Assert.Equal((25L, 0L, 0L, 25L, JsonValueKind.Null), (proDay.GetProperty("limit").GetInt64(), proDay.GetProperty("used").GetInt64(),
            proDay.GetProperty("leased").GetInt64(), proDay.GetProperty("remaining").GetInt64(), proDay.GetProperty("resetsAt").ValueKind));
        // One call for every scope, the ids in the query (a model id may hold a '/').
        Assert.Equal(["/v1.0/invoke/quota/method/quota/windows?scope=provider%3Agemini%3Abroken&scope=provider%3Agemini%3Aflash&scope=provider%3Agemini%3Apro"],
            quota.Requests);
        Assert.Equal(5, Assert.Single(models[0].GetProperty("windows").EnumerateArray()).GetProperty("limit").GetInt64());
    }

    [Fact]
    public async Task Headroom_QuotaFailing_Is503QuotaUnavailable()
    {
        var (factory, client) = Router(new ActorStatuses(HttpStatusCode.ServiceUnavailable));
        using var _ = factory;
        using var __ = client;

        using var response = await client.GetAsync("/admin/headroom");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("quota_unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
