using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;
using System.Text;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// Writes a committed stream (or a cached replay) to the client in its dialect (<see cref="IStreamWriter"/>) — only bytes; what the end means
/// for budgets, circuits, usage and the cache is <see cref="RequestPipeline{TAnswer}.FinishAsync"/>'s job. After the first
/// content byte there is no switching: a provider error or a cut ends the stream with an in-band error event and
/// no clean end (OpenAI: no <c>[DONE]</c>); only a clean <c>done</c> ends it normally. A stream that ends without the
/// provider's usage report is charged for the output it relayed (<see cref="RelayedOutput"/>).
/// </summary>
internal sealed class StreamRelay(RouterMetrics metrics, TokenCounter tokens, TimeProvider time)
{
    public static async Task ReplayAsync(IStreamWriter writer, CachedCompletion answer, CancellationToken cancellationToken)
    {
        await writer.StartAsync(cancellationToken);
        foreach (var chunk in CachedReplay.Chunks(answer.Completion))
        {
            await writer.WriteChunkAsync(chunk, cancellationToken);
        }
        await writer.WriteEndAsync(answer.Completion.Usage, cancellationToken);
    }

    /// <summary>Relays the live stream to its end and says how it ended.</summary>
    /// <param name="promptTokens">The prompt as the router counted it: the input of the estimate when the provider's report never arrives.</param>
    public async Task<AnswerEnd> RelayAsync(IStreamWriter writer, ChatCall call, CommittedStream live, Routing.Candidate winner, int promptTokens,
        CancellationToken requestAborted)
    {
        var state = new RelayState(winner.Id);
        try
        {
            await writer.StartAsync(requestAborted);
            metrics.TimeToFirstToken(winner.Provider, time.GetElapsedTime(call.StartedTimestamp).TotalSeconds);
            foreach (var held in live.Prefix)
            {
                await state.WriteAsync(writer, held, requestAborted);
            }
            var finished = live.Finished;
            while (!finished)
            {
                var next = await live.Stream.ReadAsync(requestAborted);
                if (next is null or BackendStreamEvent.Error)
                {
                    var error = (next as BackendStreamEvent.Error)?.Failure ?? new AdapterError
                    {
                        Class = ErrorClass.StreamInterrupted, Message = "The provider stream broke off.", Provider = winner.Provider, Model = winner.ModelName,
                    };
                    await writer.WriteErrorAsync(new GatewayError(502, ErrorClassNames.Of(error.Class),
                        $"The provider failed after the answer had started ({ErrorClassNames.Of(error.Class)}); the answer is incomplete."), requestAborted);
                    return new AnswerEnd.ProviderFailed(error, state.Output.Charge(state.Usage, winner, promptTokens, tokens));
                }
                finished = await state.WriteAsync(writer, next, requestAborted);
            }
            return new AnswerEnd.Complete(state.ToCompletion(), state.Usage);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            // The caller left; the provider produced (and bills) what was relayed up to here.
            return new AnswerEnd.Cut(499, state.Output.Charge(state.Usage, winner, promptTokens, tokens));
        }
        finally
        {
            await live.Stream.DisposeAsync();
        }
    }

    /// <summary>What the relay has seen: the text so far (for the cache), the finish reason and the usage report.</summary>
    private sealed class RelayState(string gatewayModel)
    {
        private readonly StringBuilder _content = new();
        private string? _id;
        private long _created;
        private string? _finishReason;
        private bool _hasToolCalls;

        public AdapterUsageReport? Usage { get; private set; }

        public RelayedOutput Output { get; } = new();

        /// <summary>Writes one event; true when it was the normal end.</summary>
        public async Task<bool> WriteAsync(IStreamWriter writer, BackendStreamEvent e, CancellationToken cancellationToken)
        {
            switch (e)
            {
                case BackendStreamEvent.Chunk { Value: var value }:
                    var chunk = value with { Model = gatewayModel, Usage = null };
                    Observe(chunk);
                    Output.Observe(chunk);
                    await writer.WriteChunkAsync(chunk, cancellationToken);
                    return false;
                case BackendStreamEvent.Usage { Report: var report }:
                    Usage = report;
                    return false;
                case BackendStreamEvent.Done:
                    await writer.WriteEndAsync(OpenAiUsage.From(Usage?.Tokens ?? TokenUsage.Zero), cancellationToken);
                    return true;
                default:
                    return false;
            }
        }

        public ChatCompletionResponse? ToCompletion() => _hasToolCalls || _id is null ? null : new ChatCompletionResponse
        {
            Id = _id,
            Created = _created,
            Model = gatewayModel,
            Choices = [new ChatChoice { Message = new AssistantMessage { Content = _content.ToString() }, FinishReason = _finishReason ?? "stop" }],
            Usage = Usage is { } u ? OpenAiUsage.From(u.Tokens) : null,
        };

        private void Observe(ChatCompletionChunk chunk)
        {
            _id ??= chunk.Id;
            _created = _created == 0 ? chunk.Created : _created;
            foreach (var choice in chunk.Choices)
            {
                if (choice.Index != 0)
                {
                    _hasToolCalls = true; // multi-choice streams are not cached
                    continue;
                }
                _content.Append(choice.Delta.Content);
                _hasToolCalls |= choice.Delta.ToolCalls is not null;
                _finishReason = choice.FinishReason ?? _finishReason;
            }
        }
    }
}
