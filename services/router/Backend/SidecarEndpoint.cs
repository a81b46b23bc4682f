using Dapr.AiProvider.ServiceDefaults.Sidecar;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>Where the local Dapr sidecar's HTTP API is: <c>DAPR_HTTP_ENDPOINT</c>, else 127.0.0.1:<c>DAPR_HTTP_PORT</c> (3500).</summary>
internal static class SidecarEndpoint
{
    public static Uri HttpEndpoint(IConfiguration configuration) => SidecarHttpApi.Endpoint(configuration);

    public static Uri InvokeBase(IConfiguration configuration, string appId) =>
        new(HttpEndpoint(configuration), $"v1.0/invoke/{appId}/method/");

    /// <summary>An HTTP client on the sidecar's own API (<c>v1.0/state</c>, <c>v1.0/publish</c>), with <c>DAPR_API_TOKEN</c> when set.</summary>
    public static void ConfigureApi(HttpClient http, IConfiguration configuration, TimeSpan timeout) =>
        SidecarHttpApi.Configure(http, configuration, HttpEndpoint(configuration), timeout);

    /// <summary>An HTTP client that invokes <paramref name="appId"/> through the sidecar (with <c>DAPR_API_TOKEN</c> when set).</summary>
    public static void ConfigureInvoke(HttpClient http, IConfiguration configuration, string appId, TimeSpan timeout) =>
        SidecarHttpApi.Configure(http, configuration, InvokeBase(configuration, appId), timeout);
}
