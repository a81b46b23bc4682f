namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary><c>GET /v1.0/metadata</c>.</summary>
internal static class MetadataApi
{
    public static IEndpointRouteBuilder MapMetadataApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1.0/metadata", (MetadataService metadata) =>
            Results.Json(metadata.Build(), SidecarJsonContext.Default.SidecarMetadata));
        return endpoints;
    }
}
