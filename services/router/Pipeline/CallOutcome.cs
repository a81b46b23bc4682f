using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>
/// Where <see cref="RequestPipeline.RunAsync{T}"/> leaves a request, before any byte is written. Closed: refused,
/// answered from the cache (or a coalesced leader), or served by a provider with <typeparamref name="T"/> — a
/// whole completion or an open stream — that the edge writes and then hands back to <see cref="RequestPipeline.FinishAsync"/>.
/// </summary>
internal abstract record CallOutcome<T>
{
    private CallOutcome(Decision decision) => Decision = decision;

    /// <summary>What the decision headers say (for <see cref="Served"/>: with the estimated cost).</summary>
    public Decision Decision { get; }

    /// <summary>Nothing was sent to the caller yet, nothing is owed: answer with <paramref name="Error"/>. Usage is recorded.</summary>
    public sealed record Refused(Decision Decision, GatewayError Error) : CallOutcome<T>(Decision);

    /// <summary>A stored or coalesced answer, nothing spent. Usage is recorded.</summary>
    public sealed record Cached(Decision Decision, CachedCompletion Answer) : CallOutcome<T>(Decision);

    /// <summary>A provider answered with <paramref name="Value"/>; the edge must finish <paramref name="Delivery"/> once the answer ends.</summary>
    public sealed record Served(Decision Decision, T Value, Delivery Delivery) : CallOutcome<T>(Decision);
}

/// <summary>What a served request still owes: its reservation settled, its winning attempt reported, its flight finished.</summary>
internal sealed record Delivery(PreparedCall Prepared, Reservation Reservation, AttemptTicket Ticket, AnswerFlights.AnswerFlight? Flight);
