using Dapr.AiProvider.Router.Api;

namespace Dapr.AiProvider.Router.Diagnostics;

/// <summary>
/// Puts the gateway request id (<c>x-aiprovider-request-id</c>, also the ledger's usage id) on every log line of a
/// request, next to ASP.NET Core's <c>RequestId</c> and the trace id, so a caller's id finds its log lines. Wired with
/// <c>app.UseRequestLogScope()</c> before the endpoints.
/// </summary>
internal static class RequestLogScope
{
    public const string Key = "AiProviderRequestId";

    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Dapr.AiProvider.Router.Requests");
        return app.Use(async (context, next) =>
        {
            using (logger.BeginScope(new RequestIdScope(RequestIds.For(context))))
            {
                await next(context);
            }
        });
    }

    /// <summary>
    /// The scope's one property, read by log providers as a list of pairs (as a message template's state is): a
    /// dictionary per request cost its buckets and entries for a single key.
    /// </summary>
    private sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new(Key, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{Key}:{requestId}";
    }
}
