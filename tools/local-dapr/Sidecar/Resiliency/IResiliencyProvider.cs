using Polly;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Polly pipelines built from the loaded Resiliency resources, resolved as daprd resolves targets
/// (named target first, then the <c>Default…Policy</c> names, then the built-in defaults).
/// </summary>
public interface IResiliencyProvider
{
    /// <summary>Outbound service invocation to an app; breakers are kept per app+method, like daprd.</summary>
    ResiliencePipeline<HttpResponseMessage> App(string appId, string method);
    ResiliencePipeline Actor(string actorType);
    ResiliencePipeline ComponentOutbound(string componentName);
    /// <summary>Pub/sub delivery to the app (retries of failed deliveries).</summary>
    ResiliencePipeline ComponentInbound(string componentName);
}
