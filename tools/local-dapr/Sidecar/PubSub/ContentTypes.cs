namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>components-contrib <c>contenttype</c> checks (case-insensitive prefixes, parameters ignored).</summary>
internal static class ContentTypes
{
    public const string CloudEvent = "application/cloudevents+json";

    public static bool IsCloudEvent(string? contentType) =>
        contentType is not null && contentType.StartsWith(CloudEvent, StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsBinary(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase);
}
