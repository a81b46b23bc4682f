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

    /// <summary>The event, or null when a CloudEvent has no <c>data</c>.</summary>
    /// <exception cref="JsonException">The body is not valid JSON or not a usage event.</exception>
    public static async Task<UsageRecorded?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
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

    internal static UsageRecorded? Parse(ReadOnlySequence<byte> body, bool cloudEvent)
    {
        var reader = new Utf8JsonReader(body);
        if (!cloudEvent)
        {
            return JsonSerializer.Deserialize(ref reader, ContractsJsonContext.Default.UsageRecorded);
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
                return JsonSerializer.Deserialize(ref reader, ContractsJsonContext.Default.UsageRecorded);
            }
            reader.Skip();
        }
        return null;
    }
}
