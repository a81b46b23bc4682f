using System.Net;
using System.Text;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Secrets;

/// <summary>
/// The key source over a scripted sidecar HTTP API (the answers daprd gives: dapr/dapr pkg/api/http/secrets.go and
/// pkg/messages/predefined.go; SidecarSecretStoreTests reads them from the real local sidecar).
/// </summary>
public sealed class DaprSecretKeySourceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly SidecarSecrets _sidecar = new();

    private DaprSecretKeySource Source() =>
        new(new HttpClient(_sidecar) { BaseAddress = new Uri("http://127.0.0.1:3502/") }, _time,
            Options.Create(new ProvidersOptions { MissingKeyRetryInterval = TimeSpan.FromSeconds(30) }), NullLogger<DaprSecretKeySource>.Instance);

    [Fact]
    public async Task GetAsync_KeyPresent_ReadsTheSecretStoreOnce()
    {
        _sidecar.Answer("openai-api-key", HttpStatusCode.OK, """{"openai-api-key":"sk-1"}""");
        var source = Source();

        Assert.Equal("sk-1", await source.GetAsync("openai-api-key", CancellationToken.None));
        Assert.Equal("sk-1", await source.GetAsync("openai-api-key", CancellationToken.None));
        Assert.Equal(["/v1.0/secrets/secretstore/openai-api-key"], _sidecar.Paths);
    }

    [Fact]
    public async Task GetAsync_KeyMissing_RememberedUntilTheRetryInterval()
    {
        _sidecar.Answer("hf-token", HttpStatusCode.OK, "{}");
        var source = Source();
        Assert.Null(await source.GetAsync("hf-token", CancellationToken.None));
        _sidecar.Answer("hf-token", HttpStatusCode.OK, """{"hf-token":"hf_abc"}""");
        Assert.Null(await source.GetAsync("hf-token", CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("hf_abc", await source.GetAsync("hf-token", CancellationToken.None));
    }

    /// <summary>daprd answers 204 when the store returned no data (UniversalHTTPHandler, pkg/api/http/universal.go).</summary>
    [Fact]
    public async Task GetAsync_NoContent_IsAMissingKeyRememberedForTheInterval()
    {
        _sidecar.Answer("groq-api-key", HttpStatusCode.NoContent, "");
        var source = Source();
        Assert.Null(await source.GetAsync("groq-api-key", CancellationToken.None));
        _sidecar.Answer("groq-api-key", HttpStatusCode.OK, """{"groq-api-key":"gsk"}""");
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(await source.GetAsync("groq-api-key", CancellationToken.None));
        Assert.Single(_sidecar.Paths);
    }

    [Fact]
    public async Task RefreshAsync_AfterRotation_ReturnsTheNewKey()
    {
        _sidecar.Answer("anthropic-api-key", HttpStatusCode.OK, """{"anthropic-api-key":"old"}""");
        var source = Source();
        Assert.Equal("old", await source.GetAsync("anthropic-api-key", CancellationToken.None));
        _sidecar.Answer("anthropic-api-key", HttpStatusCode.OK, """{"anthropic-api-key":"new"}""");
        Assert.Equal("new", await source.RefreshAsync("anthropic-api-key", CancellationToken.None));
        Assert.Equal("new", await source.GetAsync("anthropic-api-key", CancellationToken.None));
    }

    /// <summary>A key the store does not hold: daprd's ERR_SECRET_GET 500 — no key, asked again after 2 s, not after the interval.</summary>
    [Fact]
    public async Task GetAsync_ErrSecretGet_IsNoKeyRetriedSoon()
    {
        _sidecar.Answer("gemini-api-key", HttpStatusCode.InternalServerError,
            """{"errorCode":"ERR_SECRET_GET","message":"failed getting secret with key gemini-api-key from secret store secretstore: secret gemini-api-key not found"}""");
        var source = Source();
        Assert.Null(await source.GetAsync("gemini-api-key", CancellationToken.None));
        _sidecar.Answer("gemini-api-key", HttpStatusCode.OK, """{"gemini-api-key":"AIza"}""");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await source.GetAsync("gemini-api-key", CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal("AIza", await source.GetAsync("gemini-api-key", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_SidecarUnreachableOrGarbled_IsNoKeyNotACrash()
    {
        _sidecar.Answer("mistral-api-key", HttpStatusCode.OK, "not json");
        _sidecar.Unreachable = "cerebras-api-key";
        var source = Source();

        Assert.Null(await source.GetAsync("mistral-api-key", CancellationToken.None));
        Assert.Null(await source.GetAsync("cerebras-api-key", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_KubernetesSecretWithOneDifferentlyNamedKey_UsesIt()
    {
        _sidecar.Answer("github-token", HttpStatusCode.OK, """{"token":"ghp_x"}""");
        Assert.Equal("ghp_x", await Source().GetAsync("github-token", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_CallerCancels_Throws()
    {
        _sidecar.Answer("openai-api-key", HttpStatusCode.OK, """{"openai-api-key":"sk-1"}""");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Source().GetAsync("openai-api-key", cancelled.Token).AsTask());
    }

    /// <summary>The sidecar's secrets API, scripted per key: each answer stays until it is replaced.</summary>
    private sealed class SidecarSecrets : HttpMessageHandler
    {
        private readonly Dictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);

        public List<string> Paths { get; } = [];
        public string? Unreachable { get; set; }

        public void Answer(string key, HttpStatusCode status, string body) => _answers[key] = (status, body);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = request.RequestUri!.AbsolutePath;
            Paths.Add(path);
            var key = path[(path.LastIndexOf('/') + 1)..];
            if (key == Unreachable)
            {
                throw new HttpRequestException("Connection refused (127.0.0.1:3502)");
            }
            var (status, body) = _answers[key];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
