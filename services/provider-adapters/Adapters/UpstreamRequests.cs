using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>Pieces every family's request shares: a JSON POST with the account's extra headers, system text, stop lists.</summary>
internal static class UpstreamRequests
{
    public static HttpRequestMessage JsonPost(ProviderAccount account, string relativePath, byte[] body, Action<HttpRequestHeaders> authenticate)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, account.Endpoint(relativePath)) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        authenticate(message.Headers);
        foreach (var (name, value) in account.Headers)
        {
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    /// <summary>The system and developer messages joined by blank lines (families with a separate system field).</summary>
    public static StringBuilder SystemText(IReadOnlyList<ChatMessage> messages)
    {
        var system = new StringBuilder();
        foreach (var message in messages)
        {
            if (message.Role is "system" or "developer")
            {
                system.Append(system.Length > 0 ? "\n\n" : "").Append(message.Text());
            }
        }
        return system;
    }

    /// <summary>OpenAI <c>stop</c> (a string or an array) as a JSON array property.</summary>
    public static void WriteStop(Utf8JsonWriter writer, string propertyName, JsonElement? stop)
    {
        if (stop is not { ValueKind: JsonValueKind.String or JsonValueKind.Array } value)
        {
            return;
        }
        writer.WriteStartArray(propertyName);
        if (value.ValueKind == JsonValueKind.String)
        {
            writer.WriteStringValue(value.GetString());
        }
        else
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    writer.WriteStringValue(item.GetString());
                }
            }
        }
        writer.WriteEndArray();
    }
}
