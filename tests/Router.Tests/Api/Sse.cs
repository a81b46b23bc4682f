namespace Dapr.AiProvider.Router.Tests.Api;

/// <summary>Reads an SSE body into its <c>data:</c> payloads.</summary>
internal static class Sse
{
    public static async Task<List<string>> DataAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => frame.Trim())
            .Where(frame => frame.StartsWith("data: ", StringComparison.Ordinal))
            .Select(frame => frame["data: ".Length..])];
    }

    public static string Text(IEnumerable<string> data) => string.Concat(data
        .Where(d => d != "[DONE]" && d.Contains("\"content\"", StringComparison.Ordinal))
        .Select(d => System.Text.Json.JsonDocument.Parse(d).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
}
