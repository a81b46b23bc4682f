using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Tests.Configuration;

public class RouterOptionsValidatorTests
{
    private static RouterOptions Valid()
    {
        var options = new RouterOptions { BootstrapKey = "a-long-enough-key" };
        new RouterOptionsDefaults().PostConfigure(null, options);
        return options;
    }

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new RouterOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Validate_SeveralMistakes_ListsEveryError()
    {
        var options = Valid();
        options.MaxAttempts = 0;
        options.DefaultRoute = "nowhere";
        options.TaskTypes["chat"].Route = "missing-route";
        options.Routes["bad/name"] = new RouteOptions();
        options.ProviderWeights["openai"] = -1;
        options.Circuit.FailureThreshold = 0;

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("DefaultRoute", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("missing-route", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("bad/name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ProviderWeights", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("FailureThreshold", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingBootstrapKey_Fails()
    {
        var options = Valid();
        options.BootstrapKey = null;

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("BootstrapKey", StringComparison.Ordinal));
    }
}
