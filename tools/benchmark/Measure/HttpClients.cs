using System.Net.Http.Headers;
using System.Text;

namespace Dapr.AiProvider.Benchmark.Measure;

/// <summary>One long-lived pooled handler per upstream, as the services themselves do.</summary>
internal static class HttpClients
{
    public static HttpClient Create(Uri baseAddress, string? bearer = null)
    {
        var client = new HttpClient(Handler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    /// <summary>The pooled handler every client here sends through (also bare, under an <see cref="HttpMessageInvoker"/>).</summary>
    public static SocketsHttpHandler Handler() => new()
    {
        MaxConnectionsPerServer = 4096,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
    };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>POST a JSON body and read the whole answer; true on 2xx.</summary>
    public static async Task<bool> PostAsync(HttpClient client, string path, string json, CancellationToken cancellationToken,
        Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        headers?.Invoke(request.Headers);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await FailedAnswers.RecordAsync(response, cancellationToken);
        }
        return response.IsSuccessStatusCode;
    }
}
