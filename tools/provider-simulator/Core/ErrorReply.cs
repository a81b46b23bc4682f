using System.Text;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>A provider's error response: status, exact JSON body and headers.</summary>
internal sealed record ErrorReply(int Status, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public ErrorReply(int status, string body) : this(status, body, []) { }

    public ErrorReply WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public async Task WriteAsync(HttpResponse response, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        response.StatusCode = Status;
        response.ContentType = "application/json";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, ct);
    }
}
