using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Dapr.AiProvider.Client;

/// <summary>
/// Puts the gateway's decision on every response and streaming update of the inner OpenAI chat client,
/// and disposes the <see cref="HttpClient"/> the factory created for it.
/// </summary>
internal sealed class GatewayDecisionChatClient(IChatClient inner, HttpClient? ownedHttpClient) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var capture = DecisionCapture.Begin();
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Attach(response.AdditionalProperties ??= [], capture.Decision);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Opened before the first MoveNextAsync, which is when the inner client sends the request.
        var capture = DecisionCapture.Begin();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            Attach(update.AdditionalProperties ??= [], capture.Decision);
            yield return update;
        }
    }

    private static void Attach(AdditionalPropertiesDictionary properties, GatewayDecision? decision)
    {
        if (decision is not null)
        {
            properties[GatewayDecision.AdditionalPropertiesKey] = decision;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ownedHttpClient?.Dispose();
        }
        base.Dispose(disposing);
    }
}
