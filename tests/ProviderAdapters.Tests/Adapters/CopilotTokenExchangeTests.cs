using System.Net;
using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

public sealed class CopilotTokenExchangeTests
{
    private static readonly Uri Exchange = new("http://github.test/copilot_internal/v2/token");

    [Fact]
    public async Task GetToken_CachesUntilAMinuteBeforeExpiry_ThenExchangesAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 4, 10, 0, 0, TimeSpan.Zero));
        var expires = time.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds();
        var handler = new ExchangeHandler(HttpStatusCode.OK, $$"""{"token":"tid=abc;exp={{expires}}","expires_at":{{expires}},"refresh_in":1500}""");
        using var http = new HttpClient(handler);
        var exchange = new CopilotTokenExchange(time);

        Assert.Equal($"tid=abc;exp={expires}", await exchange.GetTokenAsync(http, Exchange, "gho_token", CancellationToken.None));
        Assert.Equal($"tid=abc;exp={expires}", await exchange.GetTokenAsync(http, Exchange, "gho_token", CancellationToken.None));
        Assert.Equal(1, handler.Calls);
        Assert.Equal("token gho_token", handler.Authorization);
        Assert.Equal("vscode-chat", handler.IntegrationId);

        time.Advance(TimeSpan.FromMinutes(29.5));
        await exchange.GetTokenAsync(http, Exchange, "gho_token", CancellationToken.None);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task GetToken_ExchangeRefused_ReturnsNull()
    {
        using var http = new HttpClient(new ExchangeHandler(HttpStatusCode.Unauthorized, """{"message":"Bad credentials"}"""));
        var exchange = new CopilotTokenExchange(TimeProvider.System);
        Assert.Null(await exchange.GetTokenAsync(http, Exchange, "ghp_not_allowed", CancellationToken.None));
    }

    private sealed class ExchangeHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }
        public string? Authorization { get; private set; }
        public string? IntegrationId { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            Authorization = request.Headers.Authorization?.ToString();
            IntegrationId = request.Headers.TryGetValues("Copilot-Integration-Id", out var v) ? v.Single() : null;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
