using System.Diagnostics;
using System.Globalization;
using Dapr.AiProvider.Benchmark.Measure;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>Request bodies (OpenAI chat shape) and the small HTTP measurements the scenarios share.</summary>
internal static class Prompts
{
    /// <summary>An OpenAI chat request; prompts are plain ASCII, so no JSON escaping is needed.</summary>
    public static string Chat(string model, string prompt, double temperature, bool stream = false) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"model":"{{model}}","temperature":{{temperature}},"stream":{{(stream ? "true" : "false")}},"max_tokens":64,"messages":[{"role":"user","content":"{{prompt}}"}]}""");

    /// <summary>A distinct prompt per request, so the response cache never answers.</summary>
    public static string Distinct(string run, int i) => Distinct(run, i.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc cref="Distinct(string, int)"/>
    public static string Distinct(string run, string i) => $"Benchmark {run} request {i}: summarise the quarterly report in one line";

    /// <summary>Whole request time (send to last body byte), or null when the answer is not 2xx.</summary>
    public static async Task<long?> TimePostAsync(HttpClient client, string path, string json, CancellationToken cancellationToken,
        Action<System.Net.Http.Headers.HttpRequestHeaders>? headers = null)
    {
        var start = Stopwatch.GetTimestamp();
        var ok = await HttpClients.PostAsync(client, path, json, cancellationToken, headers);
        return ok ? Stopwatch.GetTimestamp() - start : null;
    }

    /// <summary>
    /// Time to first token of an SSE chat stream: send until the first <c>data:</c> event with non-empty
    /// <c>delta.content</c> arrives; the rest of the stream is drained before returning. Null on failure.
    /// </summary>
    public static async Task<long?> TimeToFirstTokenAsync(HttpClient client, string path, string json, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = HttpClients.Json(json) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        long? first = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (first is null && line.StartsWith("data:", StringComparison.Ordinal)
                && line.Contains("\"content\":\"", StringComparison.Ordinal) && !line.Contains("\"content\":\"\"", StringComparison.Ordinal))
            {
                first = Stopwatch.GetTimestamp() - start;
            }
        }
        return first;
    }
}
