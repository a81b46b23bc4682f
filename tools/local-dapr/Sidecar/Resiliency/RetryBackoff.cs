namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>dapr/kit retry back-off: constant <c>duration</c>, or cenkalti/backoff's exponential.</summary>
internal static class RetryBackoff
{
    /// <param name="attempt">0 for the delay before the first retry.</param>
    public static TimeSpan Delay(RetrySpec retry, int attempt)
    {
        if (!retry.Exponential)
        {
            return retry.Duration;
        }

        var interval = retry.InitialInterval.TotalMilliseconds * Math.Pow(retry.Multiplier, attempt);
        interval = Math.Min(interval, retry.MaxInterval.TotalMilliseconds);
        var delta = retry.RandomizationFactor * interval;
        var randomized = interval - delta + (Random.Shared.NextDouble() * 2 * delta);
        return TimeSpan.FromMilliseconds(Math.Max(0, randomized));
    }
}
