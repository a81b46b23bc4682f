using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

namespace Dapr.AiProvider.LocalDapr.Tests.Secrets;

/// <summary>secretstores.local.env as components-contrib secretstores/local/env/envstore.go: prefix, and the variables it never returns.</summary>
public sealed class EnvSecretStoreTests
{
    [Fact]
    public void Get_WithPrefix_ReadsThePrefixedVariableUnderTheShortName()
    {
        var suffix = "K" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable("LDTEST_" + suffix, "v1");
        var store = new EnvSecretStore(Spec(("prefix", "LDTEST_")));

        Assert.Equal("v1", store.Get(suffix)![suffix]);
        Assert.Null(store.Get("LDTEST_" + suffix));
        Assert.Equal("v1", store.GetAll()[suffix][suffix]);
        Assert.DoesNotContain("PATH", store.GetAll().Keys);
    }

    [Fact]
    public void Get_DaprAndAppTokenVariables_NeverReturned()
    {
        Environment.SetEnvironmentVariable("DAPR_LDTEST_SECRET", "x");
        var store = new EnvSecretStore(Spec());

        Assert.Null(store.Get("DAPR_LDTEST_SECRET"));
        Assert.DoesNotContain("DAPR_LDTEST_SECRET", store.GetAll().Keys);
    }

    private static ComponentSpec Spec(params (string Name, string Value)[] metadata) => new()
    {
        Name = "env", Type = "secretstores.local.env", Metadata = metadata.ToDictionary(m => m.Name, m => m.Value),
    };
}
