using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Console;

/// <summary>
/// The operator console: its page at <c>/console/</c> (no key needed to load the files; every figure comes from
/// the admin API with the key the user signs in with) and the admin reads only the console needs — recent
/// decisions, the live overview (server-sent events) and free-tier headroom — for admins and viewers.
/// </summary>
internal static class ConsoleApi
{
    public const int MaxDecisions = 200;

    public static WebApplication MapConsole(this WebApplication app)
    {
        // Routing matches /console and /console/ alike: the page is at /console/ so that its relative module paths resolve.
        app.MapGet("/console", (HttpContext c) => c.Request.Path.Value!.EndsWith('/')
            ? ConsoleAssets.Serve(c, "index.html") : TypedResults.Redirect("/console/")).ExcludeFromDescription();
        app.MapGet("/console/{file}", (string file, HttpContext c) => ConsoleAssets.Serve(c, file)).ExcludeFromDescription();

        var reads = app.MapGroup("/admin").RequireGatewayAuth(Roles.AnalyticsReaders).WithTags("console");
        // Who the signed-in key is: the console shows admin actions only for the admin role (the API refuses them anyway).
        reads.MapGet("/me", (HttpContext c) =>
        {
            var identity = ApiKeyFilter.IdentityOf(c);
            return TypedResults.Json(new ConsoleUser(identity.KeyId, identity.Role, identity.Team), ConsoleJsonContext.Default.ConsoleUser);
        });
        reads.MapGet("/decisions", Decisions);
        reads.MapGet("/overview", (DecisionLog log, TimeProvider time) =>
            TypedResults.Json(ConsoleOverview.Of(log.Recent(), time.GetUtcNow()), ConsoleJsonContext.Default.ConsoleOverview));
        reads.MapGet("/overview/events", (DecisionLog log, TimeProvider time, CancellationToken ct) =>
            TypedResults.ServerSentEvents(OverviewEvents(log, time, ct)));
        reads.MapGet("/headroom", HeadroomAsync);
        return app;
    }

    /// <summary><c>GET /admin/decisions?requestId=…&amp;limit=…</c>: newest first; a request id prefix narrows the list.</summary>
    private static IResult Decisions(string? requestId, int? limit, HttpContext context, DecisionLog log, TimeProvider time)
    {
        if (limit is < 1 or > MaxDecisions)
        {
            return ErrorWriter.ToResult(context, GatewayError.Unprocessable($"limit must be between 1 and {MaxDecisions}.", "limit"), time);
        }
        var entries = log.Recent().Where(e => requestId is null || e.RequestId.StartsWith(requestId.Trim(), StringComparison.OrdinalIgnoreCase))
            .Take(limit ?? 50).ToArray();
        return TypedResults.Json(entries, ConsoleJsonContext.Default.DecisionEntryArray);
    }

    private static async Task<IResult> HeadroomAsync(HttpContext context, FreeTierHeadroom headroom, TimeProvider time)
    {
        try
        {
            return TypedResults.Json(await headroom.ReadAsync(context.RequestAborted), ConsoleJsonContext.Default.HeadroomModelArray);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            return ErrorWriter.ToResult(context, new GatewayError(503, "quota_unavailable", "The quota service could not be reached; try again."), time);
        }
    }

    /// <summary>
    /// The overview now, then again after each finished request (at most one a second), and a fresh one every
    /// 15 s without traffic so that old minutes leave the window; ends when the client goes away.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> OverviewEvents(DecisionLog log, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var change = log.NextChange();
            var overview = ConsoleOverview.Of(log.Recent(), time.GetUtcNow());
            yield return new SseItem<string>(JsonSerializer.Serialize(overview, ConsoleJsonContext.Default.ConsoleOverview), "overview");
            try
            {
                await Task.WhenAny(change, Task.Delay(TimeSpan.FromSeconds(15), time, cancellationToken)).WaitAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
