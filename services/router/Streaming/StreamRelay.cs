using System.Diagnostics;
using System.Text;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Pipeline;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// Sends a committed stream (or a cached replay) to the client. After the first content byte there is
/// no switching: a provider error or a cut ends the stream with an in-band OpenAI error frame and no
/// <c>[DONE]</c>; only a clean <c>done</c> ends with <c>[DONE]</c>.
/// </summary>
internal sealed class StreamRelay(
    CallPlanner planner, CacheAccess cache, StreamFlights flights, UsageRecorder usage, CircuitBreakerRegistry circuits,
    Health.ProviderHealthTracker health, RouterMetrics metrics, TimeProvider time)
{
    public async Task ReplayCachedAsync(HttpContext context, ChatCall call, StreamStart start, CancellationToken cancellationToken)
    {
        var writer = new SseWriter(context.Response);
        await writer.StartAsync(cancellationToken);
        var includeUsage = call.Request.StreamOptions?.IncludeUsage == true;
        foreach (var chunk in CachedReplay.Chunks(start.Cached!.Completion, includeUsage))
        {
            await writer.WriteChunkAsync(chunk, cancellationToken);
        }
        await writer.WriteDoneAsync(cancellationToken);
        usage.Record(call, start.Decision, 200, null);
    }

    public async Task RelayAsync(HttpContext context, ChatCall call, StreamStart start, CancellationToken cancellationToken)
    {
        CachedCompletion? answer = null;
        try
        {
            answer = await RelayLiveAsync(call, start, new SseWriter(context.Response), context.RequestAborted, cancellationToken);
        }
        finally
        {
            if (start.Flight is { } flight)
            {
                flights.Finish(start.Prepared!.CacheKey!, flight, answer); // followers replay it, or go on their own when null
            }
        }
    }

    /// <summary>Relays the live stream; returns the answer when it ended normally and is cacheable.</summary>
    private async Task<CachedCompletion?> RelayLiveAsync(ChatCall call, StreamStart start, SseWriter writer, CancellationToken requestAborted,
        CancellationToken cancellationToken)
    {
        var live = start.Live!;
        var winner = start.Winner!;
        var state = new RelayState(call.Request.StreamOptions?.IncludeUsage == true, winner.Id);
        ErrorClass? failure = null;
        var status = 200;
        try
        {
            await writer.StartAsync(cancellationToken);
            metrics.TimeToFirstToken(winner.Provider, Stopwatch.GetElapsedTime(call.StartedTimestamp).TotalSeconds);
            foreach (var held in live.Prefix)
            {
                await state.WriteAsync(writer, held, cancellationToken);
            }
            var finished = live.Finished;
            while (!finished)
            {
                var next = await live.Stream.ReadAsync(cancellationToken);
                if (next is null || next.Kind == BackendStreamEventKind.Error)
                {
                    var error = next?.Error ?? new AdapterError
                    {
                        Class = ErrorClass.StreamInterrupted, Message = "The provider stream broke off.", Provider = winner.Provider, Model = winner.ModelName,
                    };
                    failure = error.Class;
                    await writer.WriteRawAsync(ErrorWriter.StreamErrorFrame(new GatewayError(502, ErrorClassNames.Of(error.Class),
                        $"The provider failed after the answer had started ({ErrorClassNames.Of(error.Class)}); the answer is incomplete.")), cancellationToken);
                    await circuits.OnFailureAsync(new CircuitPermit(winner.Provider, winner.ModelName, null), error with { AfterContent = true }, CancellationToken.None);
                    health.Failure(winner.Provider, error.Class, time.GetUtcNow());
                    break;
                }
                finished = await state.WriteAsync(writer, next, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            status = 499;
            failure = ErrorClass.StreamInterrupted;
        }
        finally
        {
            await live.Stream.DisposeAsync();
        }
        var tokens = state.Usage?.Tokens ?? TokenUsage.Zero;
        var cost = state.Usage?.CostMicros ?? 0;
        planner.Settle(start.Reservation!, cost, tokens.TotalTokens);
        var decision = start.Decision with { CostMicros = cost, Tokens = tokens };
        usage.Record(call, decision, status, failure);
        if (failure is null && start.Prepared is { Cache.Store: true, CacheKey: { } key } prepared && state.ToCompletion() is { } completion)
        {
            var answer = new CachedCompletion
            {
                Completion = completion, Provider = winner.Provider, Model = winner.ModelName, Tokens = tokens, CostMicros = cost,
                CachedAt = time.GetUtcNow(),
            };
            cache.StoreInBackground(key, answer, prepared.Cache.TtlSeconds);
            return answer;
        }
        return null;
    }

    /// <summary>What the relay has seen: the text so far (for the cache), the finish reason and the usage report.</summary>
    private sealed class RelayState(bool includeUsage, string gatewayModel)
    {
        private readonly StringBuilder _content = new();
        private string? _id;
        private long _created;
        private string? _finishReason;
        private bool _hasToolCalls;

        public AdapterUsageReport? Usage { get; private set; }

        /// <summary>Writes one event; true when it was the normal end.</summary>
        public async Task<bool> WriteAsync(SseWriter writer, BackendStreamEvent e, CancellationToken cancellationToken)
        {
            switch (e.Kind)
            {
                case BackendStreamEventKind.Chunk:
                    var chunk = e.Chunk! with { Model = gatewayModel, Usage = null };
                    Observe(chunk);
                    await writer.WriteChunkAsync(chunk, cancellationToken);
                    return false;
                case BackendStreamEventKind.Usage:
                    Usage = e.Usage;
                    return false;
                case BackendStreamEventKind.Done:
                    if (includeUsage)
                    {
                        await writer.WriteChunkAsync(new ChatCompletionChunk
                        {
                            Id = _id ?? "", Created = _created, Model = gatewayModel,
                            Usage = OpenAiUsage.From(Usage?.Tokens ?? TokenUsage.Zero),
                        }, cancellationToken);
                    }
                    await writer.WriteDoneAsync(cancellationToken);
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
