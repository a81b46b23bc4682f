using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Policy;
using static Dapr.AiProvider.Quota.Tests.Policy.PolicyFixture;

namespace Dapr.AiProvider.Quota.Tests.Policy;

public sealed class QuotaLimitsValidatorTests
{
    [Fact]
    public void Validate_GeminiStyleLimits_NoErrors()
    {
        var limits = Limits(
            Rule(QuotaMetric.Requests, QuotaPeriod.Minute, 15),
            Rule(QuotaMetric.Requests, QuotaPeriod.Day, 1_500, zone: "America/Los_Angeles"),
            Rule(QuotaMetric.Tokens, QuotaPeriod.Minute, 1_000_000));

        Assert.Empty(QuotaLimitsValidator.Validate(limits));
    }

    [Fact]
    public void Validate_TwoRulesSameMetricAndPeriod_ReportsTheSecond()
    {
        var limits = Limits(Rule(QuotaMetric.Tokens, QuotaPeriod.Day, 10), Rule(QuotaMetric.Tokens, QuotaPeriod.Day, 20, zone: "Europe/Paris"));

        var errors = QuotaLimitsValidator.Validate(limits);

        Assert.Equal(["rules[1]"], errors.Keys);
    }

    [Fact]
    public void Validate_UndefinedEnumValue_Reported()
    {
        var limits = Limits(new QuotaRule { Metric = (QuotaMetric)42, Period = (QuotaPeriod)9, Limit = 1 });

        var errors = QuotaLimitsValidator.Validate(limits);

        Assert.Equal(2, errors["rules[0]"].Length);
    }

    [Fact]
    public void ThrowIfInvalid_TooManyRules_ThrowsArgumentException()
    {
        var rules = Enumerable.Range(0, QuotaLimitsValidator.MaxRules + 1).Select(_ => Rule(QuotaMetric.Requests, QuotaPeriod.Day, 1)).ToArray();

        var error = Assert.Throws<ArgumentException>(() => QuotaLimitsValidator.ThrowIfInvalid(Limits(rules)));

        Assert.Contains("rules", error.Message);
    }
}
