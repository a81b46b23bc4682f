using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.TestInfrastructure;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.Router.Tests.Configuration;

/// <summary>
/// The router answers "try again in N s" when its sidecar's breaker on provider-adapters is open; N must be that
/// breaker's <c>timeout</c> (when daprd half-opens it) in every deployment the repository ships.
/// </summary>
public class HopBreakerTimeoutTests
{
    [Theory]
    [InlineData("components/resiliency.yaml")]
    [InlineData("k8s/base/dapr/resiliency.yaml")]
    public void HopBreakerTimeoutSeconds_EqualsTheAdapterBreakersTimeout(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, file)))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        var breaker = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["spec"])["policies"])["circuitBreakers"])["adapterBreaker"];
        var target = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["spec"])["targets"])["apps"])["provider-adapters"];

        Assert.Equal("adapterBreaker", target["circuitBreaker"].ToString());
        Assert.Equal($"{new RouterOptions().HopBreakerTimeoutSeconds}s", breaker["timeout"].ToString());
    }
}
