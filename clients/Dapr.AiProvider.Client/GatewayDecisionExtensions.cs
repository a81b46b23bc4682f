using System.ClientModel;
using Microsoft.Extensions.AI;

namespace Dapr.AiProvider.Client;

/// <summary>Reads the gateway's routing decision off what the client returned or threw.</summary>
public static class GatewayDecisionExtensions
{
    /// <summary>
    /// The decision behind a response; null when it did not come through this client from the gateway. A response
    /// assembled from streaming updates (<c>ToChatResponse()</c>) keeps the updates' properties on its messages,
    /// so those are read too.
    /// </summary>
    public static GatewayDecision? GetGatewayDecision(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (From(response.AdditionalProperties) is { } decision)
        {
            return decision;
        }
        for (var i = response.Messages.Count - 1; i >= 0; i--)
        {
            if (From(response.Messages[i].AdditionalProperties) is { } fromMessage)
            {
                return fromMessage;
            }
        }
        return null;
    }

    /// <summary>The decision behind a streamed answer (the same on every update of one stream).</summary>
    public static GatewayDecision? GetGatewayDecision(this ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return From(update.AdditionalProperties);
    }

    /// <summary>
    /// The decision behind a refused or failed request (401, 429, 503 …): the gateway sends its headers on
    /// errors too, e.g. the request id to look up and the fallbacks that failed.
    /// </summary>
    public static GatewayDecision? GetGatewayDecision(this ClientResultException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.GetRawResponse() is { } response
            ? GatewayDecision.FromHeaders(name => response.Headers.TryGetValue(name, out var value) ? value : null)
            : null;
    }

    /// <summary>The decision behind a batch of embeddings; null when it did not come through this client from the gateway.</summary>
    public static GatewayDecision? GetGatewayDecision(this GeneratedEmbeddings<Embedding<float>> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        return From(embeddings.AdditionalProperties);
    }

    /// <summary>The decision behind one embedding (the same for every embedding of one call).</summary>
    public static GatewayDecision? GetGatewayDecision(this Embedding embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        return From(embedding.AdditionalProperties);
    }

    private static GatewayDecision? From(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(GatewayDecision.AdditionalPropertiesKey, out var value)
            ? value as GatewayDecision
            : null;
}
