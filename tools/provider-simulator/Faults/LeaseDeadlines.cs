using System.Globalization;

namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>
/// Reads the gateway's lease deadline (<c>x-aiprovider-send-by</c>: the end of the free-window lease the request was
/// reserved from, sent by provider-adapters to the simulator only) and how late the request arrived against it, on the
/// simulator's clock (the accelerated one in the free-day benchmark, as the gateway's).
/// </summary>
internal static class LeaseDeadlines
{
    public const string Header = "x-aiprovider-send-by";

    /// <summary>Arrival minus deadline (negative: before it), recorded in <paramref name="log"/>; null without a deadline.</summary>
    public static TimeSpan? LateBy(HttpRequest request, DateTimeOffset now, RequestLog log)
    {
        if (!DateTimeOffset.TryParse(request.Headers[Header].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var sendBy))
        {
            return null;
        }
        var lateBy = now - sendBy;
        log.RecordLeased(lateBy);
        return lateBy;
    }
}
