using Polly;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Per-call settings callers pass to a pipeline through Polly's <see cref="ResilienceContext"/>.
/// A request whose body is a non-replayable stream (chunked / streamed upload) must run with
/// <c>replayable: false</c>: the pipeline then never re-sends it (daprd never retries streaming requests).
/// <code>
/// var context = ResiliencyContext.Get(replayable: request.ContentLength is not null, ct);
/// try { response = await pipeline.ExecuteAsync(static (c, s) => s.SendAsync(c.CancellationToken), context, state); }
/// finally { ResiliencyContext.Return(context); }
/// </code>
/// </summary>
public static class ResiliencyContext
{
    public static readonly ResiliencePropertyKey<bool> Replayable = new("localdapr.replayable");

    public static ResilienceContext Get(bool replayable, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (!replayable)
        {
            // Only the exception is marked (see IsReplayable): a replayable call leaves the property bag untouched,
            // which spares it a dictionary and a boxed bool per call.
            context.Properties.Set(Replayable, false);
        }
        return context;
    }

    public static void Return(ResilienceContext context) => ResilienceContextPool.Shared.Return(context);

    /// <summary>Calls without the property (plain <c>ExecuteAsync(ct)</c>) are replayable.</summary>
    public static bool IsReplayable(ResilienceContext context) =>
        !context.Properties.TryGetValue(Replayable, out var replayable) || replayable;
}
