using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>
/// The pause before a candidate (or the hop to provider-adapters) is tried again: exponential from
/// <see cref="RouterOptions.RetryBackoffMilliseconds"/>, capped at <see cref="RouterOptions.MaxRetryBackoffMilliseconds"/>,
/// with "equal jitter" (half the step fixed, half random) so that many requests retrying at once spread out.
/// </summary>
internal static class RetryBackoff
{
    /// <param name="retry">1 for the first retry.</param>
    public static TimeSpan Delay(int retry, RouterOptions options, Random random)
    {
        var step = Math.Min(options.MaxRetryBackoffMilliseconds, options.RetryBackoffMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30)));
        return TimeSpan.FromMilliseconds(step / 2 + random.NextDouble() * step / 2);
    }
}
