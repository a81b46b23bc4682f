namespace Dapr.AiProvider.ProviderSimulator.Limits;

/// <summary>
/// One free-tier window set the simulator enforces (configuration <c>Simulator:FreeTiers:Limits</c>). Model <c>*</c>
/// means one set shared by every model of the provider account (OpenRouter's <c>:free</c> models); a named model
/// has its own (Gemini, Groq, Cerebras). Days start at midnight in <see cref="TimeZone"/>.
/// </summary>
public sealed class FreeTierLimit
{
    public string Provider { get; set; } = "";
    public string Model { get; set; } = "*";
    public long? Rpm { get; set; }
    public long? Rpd { get; set; }
    public long? Tpm { get; set; }
    public long? Tpd { get; set; }
    public string TimeZone { get; set; } = "UTC";

    public bool IsAccountWide => Model == "*";
}

/// <summary>The providers' published free-tier figures, checked 2026-12-06 (sources in docs/providers.md).</summary>
internal static class PublishedFreeTiers
{
    public static IReadOnlyList<FreeTierLimit> All { get; } =
    [
        // Gemini after the December 2025 cut: 2.5 Flash 5 RPM / 20 RPD / 250,000 TPM per project; the day turns at
        // midnight Pacific. 2.5 Pro has no free tier (the "quota_zero" fault plays that). ai.google.dev/gemini-api/docs/rate-limits
        new() { Provider = "gemini", Model = "gemini-2.5-flash", Rpm = 5, Rpd = 20, Tpm = 250_000, TimeZone = "America/Los_Angeles" },
        // Groq free plan, per model per organization. console.groq.com/docs/rate-limits
        new() { Provider = "groq", Model = "llama-3.1-8b-instant", Rpm = 30, Rpd = 14_400, Tpm = 6_000, Tpd = 500_000 },
        new() { Provider = "groq", Model = "llama-3.3-70b-versatile", Rpm = 30, Rpd = 1_000, Tpm = 12_000, Tpd = 100_000 },
        new() { Provider = "groq", Model = "openai/gpt-oss-120b", Rpm = 30, Rpd = 1_000 },
        // Cerebras free tier. inference-docs.cerebras.ai/support/rate-limits
        new() { Provider = "cerebras", Model = "gpt-oss-120b", Rpm = 30, Rpd = 14_400, Tpm = 60_000, Tpd = 1_000_000 },
        // Mistral Experiment plan: 1 request per second, 500,000 tokens a minute, per organization.
        new() { Provider = "mistral", Model = "*", Rpm = 60, Tpm = 500_000 },
        // OpenRouter :free models: 20 RPM and 50 requests a day per account (1,000 after buying 10 credits), UTC day.
        new() { Provider = "openrouter", Model = "*", Rpm = 20, Rpd = 50 },
        // Cloudflare Workers AI: 300 text-generation requests a minute (10,000 Neurons a day are not modelled).
        new() { Provider = "cloudflare", Model = "*", Rpm = 300 },
    ];
}
