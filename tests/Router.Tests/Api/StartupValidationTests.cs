namespace Dapr.AiProvider.Router.Tests.Api;

public class StartupValidationTests
{
    [Fact]
    public void Start_InvalidRouterConfig_FailsListingEveryError()
    {
        using var factory = new RouterFactory();
        factory.Settings["Router:MaxAttempts"] = "0";
        factory.Settings["Router:DefaultRoute"] = "nowhere";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var text = error.ToString();
        Assert.Contains("MaxAttempts", text, StringComparison.Ordinal);
        Assert.Contains("nowhere", text, StringComparison.Ordinal);
    }
}
