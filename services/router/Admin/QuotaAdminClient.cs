using Dapr.AiProvider.Router.Switches;
namespace Dapr.AiProvider.Router.Admin;

/// <summary>Forwards admin calls to the quota service through the sidecar (<c>/v1.0/invoke/quota/method/…</c>).</summary>
internal sealed class QuotaAdminClient(HttpClient http)
{
    public async Task<Forwarded> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Forwarded((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes);
    }
}

/// <summary>A quota answer relayed as is (status, content type, body).</summary>
internal sealed record Forwarded(int Status, string? ContentType, byte[] Body) : IResult
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        if (Body.Length > 0)
        {
            httpContext.Response.ContentType = ContentType ?? "application/json";
            await httpContext.Response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
    }
}
