namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// How a stream ended: the terminator, an in-band error event, a connection reset (the router died mid-answer:
/// the client sees a transport error, not a clean end), or a clean end without either (silently cut: a bug).
/// </summary>
internal enum StreamEnd { NotAStream, Done, InBandError, Reset, Truncated }

/// <summary>One request of the load: what the client saw.</summary>
internal sealed record LoadOutcome
{
    public required int Index { get; init; }
    public required bool Stream { get; init; }
    public required TimeSpan StartedAt { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>The HTTP status, or null when no answer came (transport error or hang).</summary>
    public int? Status { get; init; }
    public string? RequestId { get; init; }
    public StreamEnd End { get; init; } = StreamEnd.NotAStream;
    /// <summary>No answer within the router's deadline plus slack.</summary>
    public bool Hung { get; init; }
    /// <summary>The connection was refused: no router was listening (it was stopping or restarting).</summary>
    public bool Refused { get; init; }
    /// <summary>Error text (body start or exception) for the report.</summary>
    public string? Error { get; init; }

    public bool Answered => Status is not null;

    /// <summary>200 and, for a stream, its <c>[DONE]</c>.</summary>
    public bool Ok => Status == 200 && End is StreamEnd.NotAStream or StreamEnd.Done;

    public TimeSpan EndedAt => StartedAt + Elapsed;
}
