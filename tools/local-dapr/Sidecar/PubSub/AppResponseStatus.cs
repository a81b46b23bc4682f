using System.Net;
using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>What the app's answer to a delivery means.</summary>
internal enum DeliveryStatus { Success, Retry, Drop, NotFound }

/// <summary>
/// daprd's reading of the app's response (dapr pkg/runtime/subscription/postman/http/http.go): 2xx with
/// an empty or non-JSON body or <c>{"status":"SUCCESS"}</c>/<c>""</c> → success; <c>RETRY</c> or an unknown
/// status → retry; <c>DROP</c> → drop; 404 → drop (logged as an error); any other status → retry.
/// </summary>
internal static class AppResponseStatus
{
    public static DeliveryStatus Interpret(HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        var code = (int)status;
        if (code == 404)
        {
            return DeliveryStatus.NotFound;
        }
        if (code is < 200 or > 299)
        {
            return DeliveryStatus.Retry;
        }
        if (body.IsEmpty)
        {
            return DeliveryStatus.Success;
        }
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return DeliveryStatus.Success;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "status", StringComparison.OrdinalIgnoreCase))
                {
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    return value?.ToUpperInvariant() switch
                    {
                        null or "" or "SUCCESS" => DeliveryStatus.Success,
                        "DROP" => DeliveryStatus.Drop,
                        _ => DeliveryStatus.Retry,
                    };
                }
            }
            return DeliveryStatus.Success;
        }
        catch (JsonException)
        {
            return DeliveryStatus.Success;
        }
    }
}
