using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// Reads a delivery's <see cref="UsageRecorded"/> in one pass over the body: from the CloudEvent's
/// <c>data</c> member (<c>application/cloudevents+json</c>, what the sidecar sends) or, for a raw payload,
/// from the whole body. Dapr's CloudEvents middleware would first parse the envelope into a document and
/// copy <c>data</c> into a new body — under load that was about a third of quota's CPU per event.
/// </summary>
internal static class UsageEnvelope
{
    public const string CloudEventContentType = "application/cloudevents+json";

    /// <summary>
    /// The delivered events: one <see cref="UsageRecorded"/>, or the events of a <see cref="UsageBatch"/>
    /// (recognised by its <c>events</c> array); empty when there is no event (no or null <c>data</c>).
    /// </summary>
    /// <exception cref="JsonException">The body is not valid JSON or not a usage event.</exception>
    public static async Task<IReadOnlyList<UsageRecorded>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var cloudEvent = request.ContentType?.StartsWith(CloudEventContentType, StringComparison.OrdinalIgnoreCase) == true;
        var body = request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return Parse(read.Buffer, cloudEvent);
                }
                finally
                {
                    body.AdvanceTo(read.Buffer.End);
                }
            }
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End); // not all there yet: keep it, read more
        }
    }

    internal static IReadOnlyList<UsageRecorded> Parse(ReadOnlySequence<byte> body, bool cloudEvent)
    {
        var reader = new Utf8JsonReader(body);
        if (!cloudEvent)
        {
            reader.Read();
            return ReadEvents(ref reader);
        }
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A CloudEvent must be a JSON object.");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isData = reader.ValueTextEquals("data"u8);
            reader.Read();
            if (isData)
            {
                return ReadEvents(ref reader);
            }
            reader.Skip();
        }
        return [];
    }

    /// <summary>Reads the value the reader is on: a batch when it is an object with an <c>events</c> array, else one event.</summary>
    private static IReadOnlyList<UsageRecorded> ReadEvents(ref Utf8JsonReader reader)
    {
        if (IsBatch(reader))
        {
            var batch = JsonSerializer.Deserialize(ref reader, ContractsJsonContext.Default.UsageBatch);
            return batch?.Events ?? [];
        }
        var usage = JsonSerializer.Deserialize(ref reader, ContractsJsonContext.Default.UsageRecorded);
        return usage is null ? [] : [usage];
    }

    /// <summary>Looks ahead on a copy of the reader (a struct), so the real one still starts at the value.</summary>
    private static bool IsBatch(Utf8JsonReader probe)
    {
        if (probe.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        var depth = probe.CurrentDepth;
        while (probe.Read() && probe.CurrentDepth > depth)
        {
            if (probe.TokenType == JsonTokenType.PropertyName && probe.CurrentDepth == depth + 1)
            {
                var isEvents = probe.ValueTextEquals("events"u8);
                probe.Read();
                if (isEvents && probe.TokenType == JsonTokenType.StartArray)
                {
                    return true;
                }
                probe.Skip();
            }
        }
        return false;
    }
}
