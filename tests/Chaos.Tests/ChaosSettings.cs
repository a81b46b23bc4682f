using System.Globalization;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// The run's size, from the environment: <c>AIPROVIDER_CHAOS_SECONDS</c> (load duration, default 20: the CI
/// variant; <c>./test.sh chaos</c> sets 60), <c>AIPROVIDER_CHAOS_RATE</c> (requests per second, open loop,
/// default 4) and <c>AIPROVIDER_CHAOS_PG_OUTAGE_SECONDS</c> (how long PostgreSQL is unreachable; default 15 %
/// of the duration, at least 3 s).
/// </summary>
internal sealed record ChaosSettings(TimeSpan Duration, double Rate, TimeSpan PostgresOutage)
{
    public static ChaosSettings FromEnvironment()
    {
        var seconds = Read("AIPROVIDER_CHAOS_SECONDS", 20);
        var rate = Read("AIPROVIDER_CHAOS_RATE", 4);
        var outage = Read("AIPROVIDER_CHAOS_PG_OUTAGE_SECONDS", Math.Max(3, seconds * 0.15));
        return new ChaosSettings(TimeSpan.FromSeconds(seconds), rate, TimeSpan.FromSeconds(outage));
    }

    public int Requests => (int)(Duration.TotalSeconds * Rate);

    /// <summary>
    /// The router's SIGTERM and SIGKILL are scheduled in runs of 60 s or more (<c>./test.sh chaos</c>): a router
    /// restart (10–25 s on a loaded 2-core machine) overlaps every other fault of the 20 s CI schedule.
    /// </summary>
    public bool RouterFaults => Duration >= TimeSpan.FromSeconds(60);

    /// <summary>
    /// The provider-adapters app is SIGKILLed in runs of 60 s or more: in the 20 s CI schedule its kill would come
    /// 1.6 s after its sidecar's, while that sidecar is still restarting, and the two outages would be one.
    /// </summary>
    public bool AdaptersAppKill => Duration >= TimeSpan.FromSeconds(60);

    private static double Read(string name, double fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? double.Parse(text, CultureInfo.InvariantCulture) is var value && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a positive number, not '{text}'")
            : fallback;
}
