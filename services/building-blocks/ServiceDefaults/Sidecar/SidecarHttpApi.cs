using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Dapr.AiProvider.ServiceDefaults.Sidecar;

/// <summary>
/// Where the app's Dapr sidecar serves its HTTP API, found as Dapr.Client finds it: <c>DAPR_HTTP_ENDPOINT</c>, else
/// 127.0.0.1:<c>DAPR_HTTP_PORT</c> (3500); and <c>DAPR_API_TOKEN</c> on every call when set. The one place for both:
/// the readiness check and every client of a service's sidecar use it.
/// </summary>
public static class SidecarHttpApi
{
    public static Uri Endpoint(IConfiguration configuration)
    {
        var endpoint = configuration["DAPR_HTTP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            return new Uri(endpoint.TrimEnd('/') + "/");
        }
        var port = int.TryParse(configuration["DAPR_HTTP_PORT"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 3500;
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>A client on the sidecar's own API (<c>v1.0/state</c>, <c>v1.0/publish</c>, <c>v1.0/secrets</c>, <c>healthz</c>).</summary>
    public static void ConfigureApi(HttpClient http, IConfiguration configuration, TimeSpan timeout) =>
        Configure(http, configuration, Endpoint(configuration), timeout);

    /// <summary>A client that invokes <paramref name="appId"/> through the sidecar (<c>v1.0/invoke/{appId}/method/</c>).</summary>
    public static void ConfigureInvoke(HttpClient http, IConfiguration configuration, string appId, TimeSpan timeout) =>
        Configure(http, configuration, new Uri(Endpoint(configuration), $"v1.0/invoke/{appId}/method/"), timeout);

    /// <summary>A client on <paramref name="baseAddress"/> (the API itself or a path under it) with the app's token.</summary>
    public static void Configure(HttpClient http, IConfiguration configuration, Uri baseAddress, TimeSpan timeout)
    {
        http.BaseAddress = baseAddress;
        http.Timeout = timeout;
        if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Add("dapr-api-token", token);
        }
    }
}
