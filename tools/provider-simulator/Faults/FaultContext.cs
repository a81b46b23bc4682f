namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>
/// What a dialect needs to word a fault: who was called, when, and the retry delay to announce
/// (the scripted one, else the configured default; daily quotas default to the next UTC midnight).
/// </summary>
internal sealed record FaultContext(string Provider, string Model, double? ScriptedRetryAfter, double DefaultRetryAfter,
    DateTimeOffset Now, int PromptTokens, Limits.LimitHit? Limit = null)
{
    public double RetryAfterSeconds => ScriptedRetryAfter ?? DefaultRetryAfter;

    public DateTimeOffset RetryAt => Now + TimeSpan.FromSeconds(RetryAfterSeconds);

    /// <summary>Seconds until a daily quota resets: the scripted delay, else the next midnight UTC.</summary>
    public double DailyRetryAfterSeconds =>
        ScriptedRetryAfter ?? Math.Ceiling((Now.UtcDateTime.Date.AddDays(1) - Now.UtcDateTime).TotalSeconds);
}
