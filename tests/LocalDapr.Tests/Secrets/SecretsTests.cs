using System.Net;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.Secrets;

/// <summary>secretstores.local.file through gRPC (DaprClient) and HTTP, nested keys flattened with ":".</summary>
[Trait("Category", "Process")]
public sealed class SecretsTests(SidecarFixture fixture) : IClassFixture<SidecarFixture>
{
    private const string Store = DefaultResources.SecretStore;

    [Fact]
    public async Task GetSecret_TopLevelKey_ReturnsValue()
    {
        var secret = await fixture.Client.GetSecretAsync(Store, "api-key");

        Assert.Equal("s3cret", Assert.Single(secret).Value);
    }

    [Fact]
    public async Task GetSecret_NestedKeyAndNumber_FlattenedWithSeparator()
    {
        Assert.Equal("admin", (await fixture.Client.GetSecretAsync(Store, "db:user"))["db:user"]);
        Assert.Equal("6379", (await fixture.Client.GetSecretAsync(Store, "port"))["port"]);
    }

    [Fact]
    public async Task GetBulkSecret_ReturnsEverySecret()
    {
        var all = await fixture.Client.GetBulkSecretAsync(Store);

        Assert.Equal("p@ss", all["db:password"]["db:password"]);
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task GetSecret_MissingKeyOrStore_ThrowsDaprException()
    {
        await Assert.ThrowsAsync<DaprException>(() => fixture.Client.GetSecretAsync(Store, "nope"));
        await Assert.ThrowsAsync<DaprException>(() => fixture.Client.GetSecretAsync("no-store", "api-key"));
    }

    [Fact]
    public async Task HttpGetSecret_ReturnsJsonMap_UnknownStoreIs401()
    {
        var http = fixture.Sidecar.CreateHttpClient();

        var body = JsonDocument.Parse(await http.GetStringAsync("v1.0/secrets/secretstore/api-key")).RootElement;
        using var unknown = await http.GetAsync("v1.0/secrets/other/api-key");

        Assert.Equal("s3cret", body.GetProperty("api-key").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("ERR_SECRET_STORE_NOT_FOUND", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task HttpGetBulk_ReturnsNestedMaps()
    {
        var http = fixture.Sidecar.CreateHttpClient();

        var body = JsonDocument.Parse(await http.GetStringAsync("v1.0/secrets/secretstore/bulk")).RootElement;

        Assert.Equal("admin", body.GetProperty("db:user").GetProperty("db:user").GetString());
    }
}
