namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>One actor method call: target, method path (e.g. <c>Ping</c>, <c>remind/r1</c>), body and headers to pass on.</summary>
internal sealed record ActorCall(
    string Type,
    string Id,
    string Method,
    byte[] Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    public static ActorCall FromRequest(string type, string id, string method, byte[] body, HttpRequest request)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            if (!HttpHeaderRules.IsExcludedRequestHeader(name))
            {
                foreach (var value in values)
                {
                    headers.Add(new(name, value ?? ""));
                }
            }
        }
        return new ActorCall(type, id, method, body, request.ContentType, headers);
    }
}
