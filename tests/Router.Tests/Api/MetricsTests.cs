using System.Net;
using System.Text;

namespace Dapr.AiProvider.Router.Tests.Api;

public class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterARequest_ExposesRouterInstrumentsAnonymously()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var anonymous = factory.CreateClient();
        using var answer = await client.PostAsync("/v1/chat/completions",
            new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        var text = "";
        for (var i = 0; i < 50 && !text.Contains("ai_provider_requests", StringComparison.Ordinal); i++)
        {
            using var metrics = await anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            text = await metrics.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        Assert.True(text.Contains("ai_provider_requests", StringComparison.Ordinal), string.Join("\n", text.Split("\n").Where(l => !l.StartsWith('#')).Select(l => l.Split('{')[0]).Distinct()));
        Assert.Contains("task_type=\"chat\"", text, StringComparison.Ordinal);
        Assert.Contains("ai_provider_response_duration", text, StringComparison.Ordinal);
    }
}
