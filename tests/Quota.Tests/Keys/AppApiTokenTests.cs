using System.Net;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Dapr.AiProvider.Quota.Tests.Keys;

[Trait("Category", "Process")]
public class AppApiTokenTests
{
    [Fact]
    public async Task AppApiToken_Configured_OnlySidecarCallsPass_ProbesStayOpen()
    {
        await using var session = await QuotaAppSession.StartAsync(b =>
        {
            b.UseSetting("APP_API_TOKEN", "app-token-0123456789");
            b.UseSetting("Quota:Keys:Pepper", "test-pepper-0123456789abcdef");
        });

        using var anonymous = await session.Client.GetAsync("/quota/keys");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/quota/keys");
        wrong.Headers.Add("dapr-api-token", "nope");
        using var wrongResponse = await session.Client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/quota/keys");
        right.Headers.Add("dapr-api-token", "app-token-0123456789");
        using var rightResponse = await session.Client.SendAsync(right);
        using var health = await session.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
