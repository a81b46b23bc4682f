using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Tests;

/// <summary>Small raw-HTTP helpers for tests.</summary>
public static class Http
{
    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.RelativeOrAbsolute))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    public static async Task AddFaultAsync(this HttpClient client, string provider, string fault, int? count = 1,
        string? model = null, double? retryAfterSeconds = null)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/_sim/faults", UriKind.Relative),
            new { provider, model, fault, count, retryAfterSeconds });
        response.EnsureSuccessStatusCode();
    }

    public static string Chat(string model, string text, bool stream = false, string extra = "") =>
        JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = text } } })
            .TrimEnd('}') + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + extra + "}";
}
