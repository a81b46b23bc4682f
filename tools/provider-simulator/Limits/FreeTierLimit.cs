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

    /// <summary>
    /// Free credits a month in US dollars (Hugging Face), spent at <see cref="CreditPrice"/> per answer; once spent, every
    /// request is refused until the month turns (the 1st, midnight in <see cref="TimeZone"/>).
    /// </summary>
    public decimal? MonthlyCreditUsd { get; set; }

    public bool IsAccountWide => Model == "*";
}

/// <summary>What one model's answer costs from a provider's monthly credits (configuration <c>Simulator:FreeTiers:Prices</c>).</summary>
public sealed class CreditPrice
{
    public string Provider { get; set; } = "";

    /// <summary><c>*</c>: every model of the provider without a price of its own.</summary>
    public string Model { get; set; } = "*";
    public decimal InputUsdPerMillion { get; set; }
    public decimal OutputUsdPerMillion { get; set; }

    public decimal Cost(int promptTokens, int outputTokens) =>
        (promptTokens * InputUsdPerMillion + outputTokens * OutputUsdPerMillion) / 1_000_000m;
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
        // Hugging Face Inference Providers, free accounts: $0.10 of credits a month ("subject to change"), 402 once spent;
        // subscriptions and credits renew on the 1st of each month. huggingface.co/docs/inference-providers/pricing and
        // huggingface.co/docs/hub/billing, checked 2026-12-07.
        new() { Provider = "huggingface", Model = "*", MonthlyCreditUsd = 0.10m },
    ];

    /// <summary>
    /// Per-token prices answers are charged at against monthly credits. Hugging Face passes the serving provider's price
    /// through with no markup (huggingface.co/docs/inference-providers/pricing); Llama 3.1 8B Instruct at DeepInfra's
    /// $0.03 in / $0.05 out per million tokens (cloudprice.net/models/friendliai/meta-llama-3.1-8b-instruct, checked
    /// 2026-12-07) — the same figures as services/provider-adapters/prices.json.
    /// </summary>
    public static IReadOnlyList<CreditPrice> Prices { get; } =
    [
        new() { Provider = "huggingface", Model = "meta-llama/Llama-3.1-8B-Instruct", InputUsdPerMillion = 0.03m, OutputUsdPerMillion = 0.05m },
    ];
}
