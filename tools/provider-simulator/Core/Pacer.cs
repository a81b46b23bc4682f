using System.Globalization;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Simulated latency: time to first token, then a per-token delay from tokens per second.</summary>
internal sealed class Pacer(TimeSpan timeToFirstToken, double tokensPerSecond, TimeProvider time)
{
    public const string TtftHeader = "x-sim-ttft-ms";
    public const string TpsHeader = "x-sim-tps";

    public TimeSpan TimeToFirstToken { get; } = timeToFirstToken;
    public double TokensPerSecond { get; } = tokensPerSecond;

    /// <summary>
    /// Options, overridden by the request's <c>x-sim-ttft-ms</c> / <c>x-sim-tps</c> headers, and the pace by a
    /// <c>[[sim:tps=N]]</c> directive (which passes through a gateway that does not forward the caller's headers).
    /// </summary>
    public static Pacer For(HttpRequest request, SimulatorOptions options, TimeProvider time, bool slowDrip, double? directiveTps = null)
    {
        var ttft = Header(request, TtftHeader) ?? options.TimeToFirstTokenMs;
        var tps = slowDrip ? options.SlowDripTokensPerSecond : directiveTps ?? Header(request, TpsHeader) ?? options.TokensPerSecond;
        return new Pacer(TimeSpan.FromMilliseconds(Math.Clamp(ttft, 0, 600_000)), Math.Max(0, tps), time);
    }

    public Task FirstTokenAsync(CancellationToken ct) => DelayAsync(TimeToFirstToken, ct);

    public Task TokensAsync(int tokens, CancellationToken ct) =>
        TokensPerSecond > 0 ? DelayAsync(TimeSpan.FromSeconds(tokens / TokensPerSecond), ct) : Task.CompletedTask;

    /// <summary>The whole generation time of a non-streamed answer.</summary>
    public async Task WholeAsync(int tokens, CancellationToken ct)
    {
        await FirstTokenAsync(ct);
        await TokensAsync(tokens, ct);
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken ct) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, time, ct) : Task.CompletedTask;

    private static double? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value)
        && double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
