using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>Pieces every family's request shares: a JSON POST with the account's extra headers, system text, stop lists.</summary>
internal static class UpstreamRequests
{
    /// <remarks>
    /// Headers are added as the strings they are sent as (<c>TryAddWithoutValidation</c>): a typed value
    /// (<see cref="MediaTypeHeaderValue"/>, <see cref="AuthenticationHeaderValue"/>) costs an object, the store's entry for
    /// it and its formatting on every call, for the same bytes on the wire.
    /// </remarks>
    public static HttpRequestMessage JsonPost(ProviderAccount account, string relativePath, byte[] body, Action<HttpRequestHeaders> authenticate)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, account.Endpoint(relativePath)) { Content = new ByteArrayContent(body) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        authenticate(message.Headers);
        foreach (var (name, value) in account.Headers)
        {
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    /// <summary><c>Authorization: Bearer {key}</c> (OpenAI, TGI, the Hugging Face router).</summary>
    public static void Bearer(HttpRequestHeaders headers, string key) =>
        headers.TryAddWithoutValidation("Authorization", "Bearer " + key);

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
