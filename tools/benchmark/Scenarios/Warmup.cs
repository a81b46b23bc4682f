namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>Waits for the first good answer (the router's catalog and leases fill in on the first requests).</summary>
internal static class Warmup
{
    /// <summary>Closed-loop load before a measurement: long enough for tiered PGO to finish re-jitting the hot paths.</summary>
    public const double Seconds = 8;

    public static async Task UntilOkAsync(HttpClient client, string path, string json, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Measure.HttpClients.Json(json) };
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"POST {path} still answers {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            await Task.Delay(500, cancellationToken);
        }
    }
}
