using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

/// <summary><c>GET /v1.0/secrets/{store}/{key}</c> → <c>{"k":"v"}</c>; <c>GET /v1.0/secrets/{store}/bulk</c> → <c>{"name":{"k":"v"}}</c>.</summary>
internal static class SecretsHttpApi
{
    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1.0/secrets/{storeName}/bulk", c => HttpApi.RunAsync(c, BulkAsync));
        endpoints.MapGet("/v1.0/secrets/{storeName}/{key}", c => HttpApi.RunAsync(c, GetAsync));
        return endpoints;
    }

    private static SecretService Service(HttpContext c) => c.RequestServices.GetRequiredService<SecretService>();
    private static string Route(HttpContext c, string name) => Uri.UnescapeDataString((string)c.Request.RouteValues[name]!);

    private static async Task GetAsync(HttpContext c)
    {
        var secret = Service(c).Get(Route(c, "storeName"), Route(c, "key"));
        c.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(c.Response.Body);
        WriteMap(writer, secret);
        await writer.FlushAsync(c.RequestAborted);
    }

    private static async Task BulkAsync(HttpContext c)
    {
        var secrets = Service(c).GetBulk(Route(c, "storeName"));
        c.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(c.Response.Body);
        writer.WriteStartObject();
        foreach (var (name, values) in secrets)
        {
            writer.WritePropertyName(name);
            WriteMap(writer, values);
        }
        writer.WriteEndObject();
        await writer.FlushAsync(c.RequestAborted);
    }

    private static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in values)
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }
}
