using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Limits;

/// <summary>
/// Hugging Face's free credits as the simulator plays them: each answer charged at the model's per-token price, HF's
/// real 402 once the month's credits are spent, and fresh credits on the 1st of the next month (UTC).
/// </summary>
public sealed class MonthlyCreditsTests
{
    private const string Path = "/huggingface/v1/chat/completions";
    private const string Model = "meta-llama/Llama-3.1-8B-Instruct";

    [Fact]
    public async Task Limits_Default_ListHuggingFaceTenCentsAMonth()
    {
        using var sim = new FreeTierSimulator();
        using var client = sim.CreateClient();
        var body = await (await client.GetAsync(new Uri("/_sim/limits", UriKind.Relative))).JsonAsync();

        var hf = Assert.Single(body.GetProperty("limits").EnumerateArray(), l => l.GetProperty("provider").GetString() == "huggingface");
        Assert.Equal(("*", 0.10m), (hf.GetProperty("model").GetString(), hf.GetProperty("monthlyCreditUsd").GetDecimal()));
    }

    [Fact]
    public async Task HuggingFace_CreditsSpent_402UntilTheFirstOfTheNextMonth()
    {
        // $1,000 per million tokens either way and 2 cents of credits: a handful of answers spend them.
        const decimal Credit = 0.02m;
        using var sim = new FreeTierSimulator(
            ("Simulator:FreeTiers:Limits:0:Provider", "huggingface"), ("Simulator:FreeTiers:Limits:0:MonthlyCreditUsd", "0.02"),
            ("Simulator:FreeTiers:Prices:0:Provider", "huggingface"), ("Simulator:FreeTiers:Prices:0:Model", Model),
            ("Simulator:FreeTiers:Prices:0:InputUsdPerMillion", "1000"), ("Simulator:FreeTiers:Prices:0:OutputUsdPerMillion", "1000"));
        using var client = sim.Bearer();

        var spent = 0m;
        var lastCost = 0m;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            var response = await client.PostJsonAsync(Path, Http.Chat(Model, "spend the credits " + i));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                refused = response;
                break;
            }
            var usage = (await response.JsonAsync()).GetProperty("usage");
            lastCost = (usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32()) * 1000m / 1_000_000m;
            spent += lastCost;
            response.Dispose();
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
            Assert.Equal(
                "You have exceeded your monthly included credits for Inference Providers. Subscribe to PRO to get 20x more monthly included credits.",
                (await refused.JsonAsync()).GetProperty("error").GetString());
        }
        Assert.True(spent >= Credit && spent - lastCost < Credit, $"served until the credits were spent: {spent} of {Credit}");
        var counts = await (await client.GetAsync(new Uri("/_sim/requests", UriKind.Relative))).JsonAsync();
        Assert.Equal(1, counts.GetProperty("rateLimited").GetProperty("providers").GetProperty("huggingface").GetProperty("models").GetProperty(Model).GetInt32());

        sim.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        using var stillSpent = await client.PostJsonAsync(Path, Http.Chat(Model, "the last second of December"));
        sim.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var newMonth = await client.PostJsonAsync(Path, Http.Chat(Model, "January"));

        Assert.Equal((HttpStatusCode.PaymentRequired, HttpStatusCode.OK), (stillSpent.StatusCode, newMonth.StatusCode));
    }

    [Fact]
    public async Task HuggingFace_EnforcementOff_NeverRefusesForCredits()
    {
        using var sim = new FreeTierSimulator(("Simulator:FreeTiers:Enforce", "false"),
            ("Simulator:FreeTiers:Limits:0:Provider", "huggingface"), ("Simulator:FreeTiers:Limits:0:MonthlyCreditUsd", "0.000001"));
        using var client = sim.Bearer();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostJsonAsync(Path, Http.Chat(Model, "free of charge " + i));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
