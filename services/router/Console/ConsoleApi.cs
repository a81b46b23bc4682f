using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Console;

/// <summary>
/// The operator console: its page at <c>/console/</c> (no key needed to load the files; every figure comes from
/// the admin API with the key the user signs in with) and the admin reads only the console needs — recent
/// decisions and the live overview, read from the ledger through quota (so every replica shows the whole cluster),
/// and free-tier headroom — for admins and viewers.
/// </summary>
internal static class ConsoleApi
{
    /// <summary>How often the live overview asks quota again while a console is open (one ledger query each time).</summary>
    public static readonly TimeSpan OverviewRefresh = TimeSpan.FromSeconds(5);

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
        // Quota checks the query (422 ProblemDetails naming the field) and answers from the ledger.
        reads.MapGet("/decisions", (HttpContext c, QuotaAdminClient q) => FromQuotaAsync(c, q, "quota/decisions" + c.Request.QueryString));
        reads.MapGet("/overview", (HttpContext c, QuotaAdminClient q) => FromQuotaAsync(c, q, "quota/overview"));
        reads.MapGet("/overview/events", (QuotaAdminClient q, TimeProvider time, CancellationToken ct) =>
            TypedResults.ServerSentEvents(OverviewEvents(q, time, ct)));
        reads.MapGet("/headroom", HeadroomAsync);
        return app;
    }

    /// <summary>Quota's answer as is; quota out of reach is a 503 <c>quota_unavailable</c>.</summary>
    private static async Task<IResult> FromQuotaAsync(HttpContext context, QuotaAdminClient quota, string pathAndQuery)
    {
        try
        {
            return await quota.SendAsync(HttpMethod.Get, pathAndQuery, null, context.RequestAborted);
        }
        catch (Exception ex) when (QuotaUnreachable(ex, context))
        {
            return QuotaUnavailable(context);
        }
    }

    private static async Task<IResult> HeadroomAsync(HttpContext context, FreeTierHeadroom headroom)
    {
        try
        {
            return TypedResults.Json(await headroom.ReadAsync(context.RequestAborted), ConsoleJsonContext.Default.HeadroomModelArray);
        }
        catch (Exception ex) when (QuotaUnreachable(ex, context))
        {
            return QuotaUnavailable(context);
        }
    }

    private static bool QuotaUnreachable(Exception ex, HttpContext context) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !context.RequestAborted.IsCancellationRequested);

    private static IResult QuotaUnavailable(HttpContext context) =>
        ErrorWriter.ToResult(context, new GatewayError(503, "quota_unavailable", "The quota service could not be reached; try again."),
            context.RequestServices.GetRequiredService<TimeProvider>());

    /// <summary>
    /// The cluster's overview from quota now and every <see cref="OverviewRefresh"/>: an <c>overview</c> event with
    /// quota's answer, or an <c>unavailable</c> event while quota cannot answer (the page keeps its last figures);
    /// ends when the client goes away.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> OverviewEvents(QuotaAdminClient quota, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Forwarded? answer;
            try
            {
                answer = await quota.SendAsync(HttpMethod.Get, "quota/overview", null, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                answer = null;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return answer is { IsSuccess: true }
                ? new SseItem<string>(Encoding.UTF8.GetString(answer.Body), "overview")
                : new SseItem<string>("{}", "unavailable");
            try
            {
                await Task.Delay(OverviewRefresh, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
