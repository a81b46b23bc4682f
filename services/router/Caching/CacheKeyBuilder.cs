using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// SHA-256 of tenant + purge generation + normalised request: the model field as asked (route, alias or id), messages
/// (text-only part arrays folded to strings, JSON objects with sorted keys), sampling parameters,
/// tools, tool_choice, response_format, penalties, reasoning effort and every pass-through field. Whitespace, key
/// order and the stream flag never change the key.
/// </summary>
internal static class CacheKeyBuilder
{
    /// <summary>A buffer larger than this (a huge request) is not kept for the thread's next key.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    // Every request builds a key, hits included: the canonical form is written into this thread's buffer and writer
    // (Build never awaits, so nothing else runs on the thread meanwhile) instead of a new 1 KB+ buffer and writer per
    // request (docs/benchmarks-peer.md, "Session 11").
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <param name="generation">From <see cref="CacheGenerations"/>: an admin purge changes it, and with it every key it covers.</param>
    public static string Build(string tenant, string taskType, ChatCompletionRequest request, string generation = "0.0.0")
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ?? new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        t_buffer = null; // taken: a throw below leaves the thread none rather than a half-written one
        t_writer = null;
        writer.WriteStartObject();
        writer.WriteString("tenant", tenant);
        writer.WriteString("generation", generation);
        writer.WriteString("task", taskType.ToLowerInvariant());
        writer.WriteString("model", (request.Model ?? "").Trim().ToLowerInvariant());
        writer.WriteStartArray("messages");
        foreach (var message in request.Messages)
        {
            WriteMessage(writer, message);
        }
        writer.WriteEndArray();
        WriteNumber(writer, "temperature", request.Temperature);
        WriteNumber(writer, "top_p", request.TopP);
        if (request.OutputTokenLimit is { } max)
        {
            writer.WriteNumber("max_tokens", max);
        }
        if (request.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }
        if (request.N is { } n)
        {
            writer.WriteNumber("n", n);
        }
        WriteCanonical(writer, "stop", request.Stop);
        WriteCanonical(writer, "tools", request.Tools);
        WriteCanonical(writer, "tool_choice", request.ToolChoice);
        WriteCanonical(writer, "response_format", request.ResponseFormat);
        WriteNumber(writer, "frequency_penalty", request.FrequencyPenalty);
        WriteNumber(writer, "presence_penalty", request.PresencePenalty);
        if (request.ReasoningEffort is { } effort)
        {
            writer.WriteString("reasoning_effort", effort);
        }
        // An Anthropic upstream reads the /v1/messages body as written (thinking, top_k, cache_control …): all of it
        // is part of the key but the stream flag, which the translated fields already leave out.
        if (request.AnthropicBody is { ValueKind: JsonValueKind.Object } anthropic)
        {
            foreach (var field in anthropic.EnumerateObject().Where(f => f.Name != "stream").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                WriteCanonical(writer, "anthropic." + field.Name, field.Value);
            }
        }
        // Pass-through fields change the answer too (logprobs, logit_bias …): never share an entry across them.
        if (request.OtherFields is { Count: > 0 } otherFields) // most requests have none: no sorted iterator for them
        {
            foreach (var (name, value) in otherFields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                WriteCanonical(writer, "other." + name, value);
            }
        }
        writer.WriteEndObject();
        writer.Flush();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        if (buffer.Capacity <= KeptBufferBytes)
        {
            (t_buffer, t_writer) = (buffer, writer);
        }
        return Convert.ToHexStringLower(hash);
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Trim().ToLowerInvariant());
        if (message.Content is { } content)
        {
            if (content.ValueKind == JsonValueKind.String || IsTextOnly(content))
            {
                writer.WriteString("content", message.Text());
            }
            else
            {
                writer.WritePropertyName("content");
                WriteSorted(writer, content);
            }
        }
        if (message.Name is { } name)
        {
            writer.WriteString("name", name);
        }
        if (message.ToolCallId is { } toolCallId)
        {
            writer.WriteString("tool_call_id", toolCallId);
        }
        WriteCanonical(writer, "tool_calls", message.ToolCalls);
        writer.WriteEndObject();
    }

    private static bool IsTextOnly(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || !type.ValueEquals("text"))
            {
                return false;
            }
        }
        return true;
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 6));
        }
    }

    private static void WriteCanonical(Utf8JsonWriter writer, string name, JsonElement? value)
    {
        if (value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } element)
        {
            writer.WritePropertyName(name);
            WriteSorted(writer, element);
        }
    }

    /// <summary>Writes JSON with object properties in ordinal order, so key order never matters.</summary>
    internal static void WriteSorted(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteSorted(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteSorted(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
