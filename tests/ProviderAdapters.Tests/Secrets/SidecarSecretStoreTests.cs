using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapr.AiProvider.ProviderAdapters.Secrets;
using Dapr.AiProvider.ProviderAdapters.Tests.Integration;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Secrets;

/// <summary>
/// The app's own key source (real providers mode: no simulator) against the real local sidecar with a
/// <c>secretstores.local.file</c> store named as components/secretstore.yaml names it, and an API token. The wire is
/// daprd's: <c>GET /v1.0/secrets/{store}/{key}</c> answering the secret's map, a key the store does not hold answered
/// <c>ERR_SECRET_GET</c> 500 (dapr/dapr pkg/api/http/secrets.go, pkg/api/universal/secrets.go, pkg/messages/predefined.go).
/// </summary>
[Trait("Category", "Process")]
public sealed class SidecarSecretStoreTests : IAsyncLifetime
{
    private const string Token = "adapters-secrets-test-token";
    private readonly string _directory = Directory.CreateTempSubdirectory("adapters-secrets-").FullName;
    private readonly int _httpPort = FreePort.Next();
    private TestProcess _sidecar = null!;
    private AdapterAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        var secrets = Path.Combine(_directory, "secrets.json");
        await File.WriteAllTextAsync(secrets, """{"openai-api-key":"sk-from-the-store"}""");
        await File.WriteAllTextAsync(Path.Combine(_directory, "secretstore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: secretstore
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
                - name: secretsFile
                  value: {secrets}
            """);
        var (http, grpc) = (_httpPort, FreePort.Next());
        _sidecar = TestProcess.StartDotnet("sidecar provider-adapters", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
            ["--app-id", "provider-adapters", "--dapr-http-port", Str(http), "--dapr-grpc-port", Str(grpc), "--resources-path", _directory],
            new Dictionary<string, string> { ["DAPR_API_TOKEN"] = Token });
        await _sidecar.WaitForHttpAsync($"http://127.0.0.1:{http}/v1.0/healthz/outbound", TimeSpan.FromSeconds(30));
        _app = new AdapterAppFactory(new Dictionary<string, string?>
        {
            ["DAPR_HTTP_PORT"] = Str(http),
            ["DAPR_API_TOKEN"] = Token,
            ["Logging:LogLevel:Default"] = "Warning",
            // Real providers mode reads keys from the secret store; nothing here may call a provider.
            ["Providers:HealthProbeInterval"] = "00:00:00",
            ["Providers:ModelListRefreshInterval"] = "00:00:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sidecar.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task KeySource_ReadsTheKeyFromTheSidecarsSecretStore()
    {
        var keys = _app.Services.GetRequiredService<IProviderKeySource>();

        Assert.IsType<DaprSecretKeySource>(keys);
        Assert.Equal("sk-from-the-store", await keys.GetAsync("openai-api-key", CancellationToken.None));
    }

    [Fact]
    public async Task KeySource_KeyTheStoreDoesNotHold_IsNoKey()
    {
        var keys = _app.Services.GetRequiredService<IProviderKeySource>();

        Assert.Null(await keys.GetAsync("anthropic-api-key", CancellationToken.None));
        // What the sidecar answered it: daprd's ERR_SECRET_GET.
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("dapr-api-token", Token);
        using var answer = await http.GetAsync($"http://127.0.0.1:{_httpPort}/v1.0/secrets/secretstore/anthropic-api-key");
        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        using var error = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("ERR_SECRET_GET", error.RootElement.GetProperty("errorCode").GetString());
    }

    private static string Str(int port) => port.ToString(CultureInfo.InvariantCulture);
}
