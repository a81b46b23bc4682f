using System.Collections.Concurrent;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Headroom a provider reports in its rate-limit headers.</summary>
internal sealed record RateSnapshot(
    int RequestLimit, int RequestsRemaining, int TokenLimit, int TokensRemaining, TimeSpan ResetIn, DateTimeOffset ResetAt);

/// <summary>A fixed one-minute window of requests and tokens per provider, for realistic rate-limit headers.</summary>
internal sealed class RateLimitTracker(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, WindowState> _windows = new(StringComparer.Ordinal);

    public RateSnapshot Observe(string provider, int tokens, SimulatorOptions options)
    {
        var now = time.GetUtcNow();
        var state = _windows.GetOrAdd(provider, _ => new WindowState());
        lock (state)
        {
            if (now >= state.End)
            {
                state.End = now + Window;
                state.Requests = 0;
                state.Tokens = 0;
            }
            state.Requests++;
            state.Tokens += tokens;
            return new RateSnapshot(
                options.RequestsPerMinute, Math.Max(0, options.RequestsPerMinute - state.Requests),
                options.TokensPerMinute, (int)Math.Max(0, options.TokensPerMinute - state.Tokens),
                state.End - now, state.End);
        }
    }

    private sealed class WindowState
    {
        public DateTimeOffset End { get; set; } = DateTimeOffset.MinValue;
        public int Requests { get; set; }
        public long Tokens { get; set; }
    }
}
