using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Options;
using Dapr.AiProvider.Router.Routing;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// Plans a streaming request and fails over until a provider's stream yields its first content delta.
/// Role-only and usage frames before that are held back, so an <c>error</c> event or a cut stream
/// before content simply moves on to the next candidate.
/// </summary>
internal sealed class StreamStarter(
    CallPlanner planner, FailoverExecutor failover, ICompletionBackend backend, CacheAccess cache, StreamFlights flights, UsageRecorder usage,
    IOptions<RouterOptions> options)
{
    public async Task<StreamStart> StartAsync(ChatCall call, CancellationToken cancellationToken)
    {
        var decision = new Decision { RequestId = call.RequestId };
        var (prepared, error) = await planner.PrepareAsync(call, cancellationToken);
        if (prepared is null)
        {
            return Fail(call, decision, error!, null);
        }
        decision = decision with
        {
            RouteReason = prepared.Plan.Reason,
            Cache = prepared.CacheKey is null ? CacheStatus.Bypass : CacheStatus.Miss,
        };
        if (prepared.Cache.Lookup && await cache.TryGetAsync(prepared.CacheKey!, cancellationToken) is { } hit)
        {
            return Hit(call, prepared, decision, hit, "cache");
        }
        TaskCompletionSource<CachedCompletion?>? flight = null;
        if (prepared.Cache.Store && !flights.TryLead(prepared.CacheKey!, out flight))
        {
            // An identical stream is under way: wait for its answer rather than pay for a second one.
            var deadline = TimeSpan.FromSeconds(options.Value.TotalDeadlineSeconds);
            if (await WaitForLeaderAsync(flight, deadline, cancellationToken) is { } shared)
            {
                return Hit(call, prepared, decision, shared, "coalesced");
            }
            flight = null;
        }
        try
        {
            var started = await OpenLiveAsync(call, prepared, decision, cancellationToken);
            if (flight is not null && started.Live is null)
            {
                flights.Finish(prepared.CacheKey!, flight, null);
            }
            return started with { Flight = started.Live is null ? null : flight };
        }
        catch
        {
            if (flight is not null)
            {
                flights.Finish(prepared.CacheKey!, flight, null);
            }
            throw;
        }
    }

    private async Task<StreamStart> OpenLiveAsync(ChatCall call, PreparedCall prepared, Decision decision, CancellationToken cancellationToken)
    {
        var (reservation, budgetError) = await planner.ReserveAsync(prepared, cancellationToken);
        if (reservation is null)
        {
            return Fail(call, decision, budgetError!, null);
        }
        var result = await failover.ExecuteAsync(prepared.Plan, (candidate, token) => OpenAsync(prepared, candidate, token), cancellationToken);
        decision = decision with
        {
            Attempts = result.Attempts.Count(a => !a.Skipped),
            Fallbacks = ChatPipeline.Fallbacks(result),
            UpstreamMs = result.UpstreamMs,
        };
        if (result.Value is not { } live || result.Winner is not { } winner)
        {
            planner.Settle(reservation, 0, 0);
            return Fail(call, decision, result.Error!, result.LastErrorClass);
        }
        decision = decision with
        {
            Provider = winner.Provider, Model = winner.ModelName, CostMicros = winner.EstimatedCostMicros,
            BudgetRemainingMicros = planner.BudgetRemaining(call),
        };
        return new StreamStart(decision) { Live = live, Winner = winner, Prepared = prepared, Reservation = reservation };
    }

    private StreamStart Hit(ChatCall call, PreparedCall prepared, Decision decision, CachedCompletion hit, string reason) =>
        new(decision.ServedFrom(hit, reason, planner.BudgetRemaining(call))) { Cached = hit, Prepared = prepared };

    private static async Task<CachedCompletion?> WaitForLeaderAsync(TaskCompletionSource<CachedCompletion?> flight, TimeSpan deadline,
        CancellationToken cancellationToken)
    {
        try
        {
            return await flight.Task.WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task<AttemptOutcome<CommittedStream>> OpenAsync(PreparedCall prepared, Candidate candidate, CancellationToken cancellationToken)
    {
        var opened = await backend.OpenStreamAsync(new AdapterChatRequest
        {
            RequestId = prepared.Call.RequestId,
            Provider = candidate.Provider,
            Model = candidate.ModelName,
            Request = prepared.Call.Request with
            {
                Model = candidate.ModelName, Stream = true, StreamOptions = new() { IncludeUsage = true },
            },
        }, cancellationToken);
        if (opened.Stream is not { } stream)
        {
            return AttemptOutcome<CommittedStream>.Failure(opened.Error!);
        }
        var prefix = new List<BackendStreamEvent>();
        try
        {
            while (true)
            {
                var next = await stream.ReadAsync(cancellationToken);
                switch (next?.Kind)
                {
                    case null:
                        await stream.DisposeAsync();
                        return AttemptOutcome<CommittedStream>.Failure(Interrupted(candidate, "The provider stream ended before any content."));
                    case BackendStreamEventKind.Error:
                        await stream.DisposeAsync();
                        return AttemptOutcome<CommittedStream>.Failure(next.Error! with { AfterContent = false });
                    case BackendStreamEventKind.Done:
                        prefix.Add(next);
                        return AttemptOutcome<CommittedStream>.Success(new CommittedStream(stream, prefix, true));
                    case BackendStreamEventKind.Chunk when HasContent(next):
                        prefix.Add(next);
                        return AttemptOutcome<CommittedStream>.Success(new CommittedStream(stream, prefix, false));
                    default:
                        prefix.Add(next);
                        break;
                }
            }
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static bool HasContent(BackendStreamEvent e)
    {
        foreach (var choice in e.Chunk!.Choices)
        {
            if (choice.Delta.HasContent)
            {
                return true;
            }
        }
        return false;
    }

    private static AdapterError Interrupted(Candidate candidate, string message) => new()
    {
        Class = ErrorClass.StreamInterrupted, Message = message, Provider = candidate.Provider, Model = candidate.ModelName,
    };

    private StreamStart Fail(ChatCall call, Decision decision, GatewayError error, ErrorClass? errorClass)
    {
        usage.Record(call, decision, error.Status, errorClass);
        return new StreamStart(decision) { Error = error };
    }
}
