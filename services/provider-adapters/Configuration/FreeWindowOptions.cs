using System.ComponentModel.DataAnnotations;

namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>
/// A free tier's published windows (null = not limited that way, or not published). Set on an account, they are
/// shared by all its free models (OpenRouter's <c>:free</c> models); set on a model, they are that model's own
/// (Gemini, Groq, Cerebras). <c>Providers:FreeWindowOverrides:{provider}</c> or <c>…:{provider}/{model}</c> overrides
/// any field, e.g. <c>Providers__FreeWindowOverrides__openrouter__Rpd=1000</c> after buying credits.
/// </summary>
internal sealed class FreeWindowOptions
{
    [Range(1, long.MaxValue)] public long? Rpm { get; set; }
    [Range(1, long.MaxValue)] public long? Rpd { get; set; }
    [Range(1, long.MaxValue)] public long? Tpm { get; set; }
    [Range(1, long.MaxValue)] public long? Tpd { get; set; }

    /// <summary>Free credits a month in US dollars (Hugging Face: $0.10); they come back when the month turns.</summary>
    [Range(0.000001, 1_000_000)] public decimal? MonthlyCreditUsd { get; set; }

    /// <summary>Where the figures were published (URL).</summary>
    public string? Source { get; set; }

    /// <summary>The day the figures were last checked at <see cref="Source"/>.</summary>
    public DateOnly? CheckedOn { get; set; }

    /// <summary>This one with every field <paramref name="over"/> sets replaced.</summary>
    public FreeWindowOptions With(FreeWindowOptions? over) => over is null ? this : new FreeWindowOptions
    {
        Rpm = over.Rpm ?? Rpm,
        Rpd = over.Rpd ?? Rpd,
        Tpm = over.Tpm ?? Tpm,
        Tpd = over.Tpd ?? Tpd,
        MonthlyCreditUsd = over.MonthlyCreditUsd ?? MonthlyCreditUsd,
        Source = over.Source ?? Source,
        CheckedOn = over.CheckedOn ?? CheckedOn,
    };
}
