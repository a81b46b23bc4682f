using System.Globalization;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>Where the local Dapr sidecar's HTTP API is: <c>DAPR_HTTP_ENDPOINT</c>, else 127.0.0.1:<c>DAPR_HTTP_PORT</c> (3500).</summary>
internal static class SidecarEndpoint
{
    public static Uri HttpEndpoint(IConfiguration configuration)
    {
        var endpoint = configuration["DAPR_HTTP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            return new Uri(endpoint.TrimEnd('/') + "/");
        }
        var port = int.TryParse(configuration["DAPR_HTTP_PORT"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 3500;
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public static Uri InvokeBase(IConfiguration configuration, string appId) =>
        new(HttpEndpoint(configuration), $"v1.0/invoke/{appId}/method/");

    /// <summary>An HTTP client on the sidecar's own API (<c>v1.0/state</c>, <c>v1.0/publish</c>), with <c>DAPR_API_TOKEN</c> when set.</summary>
    public static void ConfigureApi(HttpClient http, IConfiguration configuration, TimeSpan timeout)
    {
        http.BaseAddress = HttpEndpoint(configuration);
        http.Timeout = timeout;
        AddToken(http, configuration);
    }

    /// <summary>An HTTP client that invokes <paramref name="appId"/> through the sidecar (with <c>DAPR_API_TOKEN</c> when set).</summary>
    public static void ConfigureInvoke(HttpClient http, IConfiguration configuration, string appId, TimeSpan timeout)
    {
        http.BaseAddress = InvokeBase(configuration, appId);
        http.Timeout = timeout;
        AddToken(http, configuration);
    }

    private static void AddToken(HttpClient http, IConfiguration configuration)
    {
        if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Add("dapr-api-token", token);
        }
    }
}
