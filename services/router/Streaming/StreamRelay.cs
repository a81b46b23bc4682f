using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// Writes a committed stream (or a cached replay) to the client in its dialect (<see cref="IStreamWriter"/>) — only bytes; what the end means
/// for budgets, circuits, usage and the cache is <see cref="RequestPipeline{TAnswer}.FinishAsync"/>'s job. After the first
/// content byte there is no switching: a provider error or a cut ends the stream with an in-band error event and
/// no clean end (OpenAI: no <c>[DONE]</c>); only a clean <c>done</c> ends it normally. When the caller hangs up, a
/// billed model's stream is read on without writing (<see cref="HangUpDrain"/>) until the provider's usage report, so
/// the caller is charged what the provider produced after the cut too. A stream that still ends without the report is
/// charged for the output seen (<see cref="RelayedOutput"/>).
/// </summary>
internal sealed class StreamRelay(
    RouterMetrics metrics, IOptions<RouterOptions> options, IHostApplicationLifetime lifetime, TimeProvider time)
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
        // Reads from provider-adapters are not tied to the caller: a cancelled read would drop the connection, and with
        // it the provider's usage report. The hang-up ends them only for a model nothing is billed or counted for.
        var drain = HangUpDrain.For(winner.Model, options.Value);
        using var upstream = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var onHangUp = requestAborted.Register(() => drain.Start(upstream, lifetime.ApplicationStopping, state.Usage is not null));
        using var onStopping = lifetime.ApplicationStopping.Register(() =>
        {
            if (requestAborted.IsCancellationRequested)
            {
                upstream.Cancel(); // a drain under way ends at shutdown: the usage is settled from what was seen
            }
        });
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
                var next = await live.Stream.ReadAsync(upstream.Token);
                if (next is null or BackendStreamEvent.Error)
                {
                    var error = (next as BackendStreamEvent.Error)?.Failure ?? new AdapterError
                    {
                        Class = ErrorClass.StreamInterrupted, Message = "The provider stream broke off.", Provider = winner.Provider, Model = winner.ModelName,
                    };
                    await writer.WriteErrorAsync(new GatewayError(502, ErrorClassNames.Of(error.Class),
                        $"The provider failed after the answer had started ({ErrorClassNames.Of(error.Class)}); the answer is incomplete."), requestAborted);
                    return new AnswerEnd.ProviderFailed(error, state.Output.Charge(state.Usage, winner, promptTokens));
                }
                finished = await state.WriteAsync(writer, next, requestAborted);
            }
            return new AnswerEnd.Complete(state.ToCompletion(), state.Usage);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            // The caller left; the provider bills what it produced, which its usage report at the end says.
            await drain.ReadToUsageAsync(live.Stream, state, upstream.Token);
            return new AnswerEnd.Cut(499, state.Output.Charge(state.Usage, winner, promptTokens));
        }
        finally
        {
            await live.Stream.DisposeAsync();
        }
    }

    /// <summary>
    /// What happens to the provider's stream once the caller hung up (issue 19 item 6, docs/accounting.md "A stream the
    /// caller left"). Every hosted family reports usage only at (or, Gemini, up to) the end of its stream, and the
    /// provider bills what it generates until the cancellation reaches it; so a model that is billed (a price) or counted
    /// (free-tier windows) is read on, writing nothing, until its usage report, for at most
    /// <see cref="RouterOptions.HangUpDrainSeconds"/> and <see cref="RouterOptions.HangUpDrainMaxOutputChars"/> of
    /// output. A model neither billed nor counted (a local Ollama or TGI) is cancelled at once, freeing its hardware.
    /// </summary>
    private sealed record HangUpDrain(bool ReadsOn, TimeSpan MaxTime, int MaxOutputChars)
    {
        public static HangUpDrain For(CatalogModel model, RouterOptions settings)
        {
            var billed = model.Price.InputPerMTokMicros > 0 || model.Price.OutputPerMTokMicros > 0 || model.FreeWindows is not null;
            return new(billed && settings.HangUpDrainSeconds > 0, TimeSpan.FromSeconds(settings.HangUpDrainSeconds), settings.HangUpDrainMaxOutputChars);
        }

        /// <summary>On the hang-up: bound the reads still to come, or end them now (also when the report already came).</summary>
        public void Start(CancellationTokenSource upstream, CancellationToken stopping, bool reported)
        {
            if (ReadsOn && !reported && !stopping.IsCancellationRequested)
            {
                upstream.CancelAfter(MaxTime);
            }
            else
            {
                upstream.Cancel();
            }
        }

        public async Task ReadToUsageAsync(IBackendStream stream, RelayState state, CancellationToken upstream)
        {
            if (!ReadsOn)
            {
                return;
            }
            try
            {
                while (state.Usage is null && state.Output.Length <= MaxOutputChars && state.Absorb(await stream.ReadAsync(upstream)))
                {
                }
            }
            catch (OperationCanceledException) when (upstream.IsCancellationRequested)
            {
                // Bound reached (or shutdown): charged the estimate of what was seen.
            }
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

        /// <summary>Takes one event of a stream nobody reads any more: its output and usage count, nothing is written.</summary>
        /// <returns>False once nothing more is worth reading (the usage report came, or the end).</returns>
        public bool Absorb(BackendStreamEvent? e)
        {
            switch (e)
            {
                case BackendStreamEvent.Chunk { Value: var value }:
                    Output.Observe(value);
                    return true;
                case BackendStreamEvent.Usage { Report: var report }:
                    Usage = report;
                    return false;
                case null or BackendStreamEvent.Done or BackendStreamEvent.Error:
                    return false;
                default:
                    return true;
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
