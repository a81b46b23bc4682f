using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>
/// Where <see cref="RequestPipeline{TAnswer}.RunAsync{T}"/> leaves a request, before any byte is written. Closed: refused,
/// answered from the cache (or a coalesced leader) with a <typeparamref name="TAnswer"/>, or served by a provider with
/// <typeparamref name="T"/> — a whole completion, an open stream, vectors — that the edge writes and then hands back
/// to <see cref="RequestPipeline{TAnswer}.FinishAsync{T}"/>.
/// </summary>
internal abstract record CallOutcome<T, TAnswer>
    where TAnswer : CachedAnswer
{
    private CallOutcome(Decision decision) => Decision = decision;

    /// <summary>What the decision headers say (for <see cref="Served"/>: with the estimated cost).</summary>
    public Decision Decision { get; }

    /// <summary>Nothing was sent to the caller yet, nothing is owed: answer with <paramref name="Error"/>. Usage is recorded.</summary>
    public sealed record Refused(Decision Decision, GatewayError Error) : CallOutcome<T, TAnswer>(Decision);

    /// <summary>A stored or coalesced answer, nothing spent. Usage is recorded.</summary>
    public sealed record Cached(Decision Decision, TAnswer Answer) : CallOutcome<T, TAnswer>(Decision);

    /// <summary>A provider answered with <paramref name="Value"/>; the edge must finish <paramref name="Delivery"/> once the answer ends.</summary>
    public sealed record Served(Decision Decision, T Value, Delivery<T, TAnswer> Delivery) : CallOutcome<T, TAnswer>(Decision);
}

/// <summary>
/// What a served request still owes: its reservation settled, its winning attempt reported, its flight finished, its
/// answer cached the way its <paramref name="Kind"/> says.
/// </summary>
internal sealed record Delivery<T, TAnswer>(
    PreparedCall Prepared, Reservation Reservation, AttemptTicket Ticket, AnswerFlights<TAnswer>.AnswerFlight? Flight, ICallKind<T, TAnswer> Kind)
    where TAnswer : CachedAnswer;
