using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>An actor call's answer as the API returns it: status, headers, content type and body bytes.</summary>
internal sealed record ActorCallResult(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[] Body)
{
    public const string ErrorResponseHeader = "X-DaprErrorResponseHeader";

    public bool IsSuccess => Status == 200;

    public bool HasHeader(string name, string? value = null) => Headers.Any(h =>
        string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)
        && (value is null || string.Equals(h.Value, value, StringComparison.OrdinalIgnoreCase)));

    public static ActorCallResult Error(int status, string code, string message) =>
        new(status, [], "application/json",
            JsonSerializer.SerializeToUtf8Bytes(new DaprError(code, message), SidecarJsonContext.Default.DaprError));

    public static async Task<ActorCallResult> FromResponseAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HttpHeaderRules.IsExcludedResponseHeader(name))
            {
                headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
            }
        }
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return new ActorCallResult((int)response.StatusCode, headers, response.Content.Headers.ContentType?.ToString(), body);
    }

    public async Task WriteAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers.Append(name, value);
        }
        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }
        if (Body.Length > 0)
        {
            await response.Body.WriteAsync(Body, ct);
        }
    }
}
