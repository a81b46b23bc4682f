using Polly;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Polly pipelines built from the loaded Resiliency resources, resolved as daprd resolves targets
/// (named target first, then the <c>Default…Policy</c> names, then the built-in defaults).
/// Failures the pipeline itself produces (open breaker, timeout) are described in <see cref="ResiliencyErrors"/>;
/// pass a <see cref="ResiliencyContext"/> to mark a request body as not replayable.
/// </summary>
public interface IResiliencyProvider
{
    /// <summary>Outbound service invocation to an app; breakers are kept per app+method, like daprd.</summary>
    ResiliencePipeline<HttpResponseMessage> App(string appId, string method);
    ResiliencePipeline Actor(string actorType);
    /// <summary>As <see cref="Actor(string)"/>, with a breaker per actor id when the target's <c>circuitBreakerScope</c> is <c>id</c>/<c>both</c>.</summary>
    ResiliencePipeline Actor(string actorType, string? actorId) => Actor(actorType);
    ResiliencePipeline ComponentOutbound(string componentName);
    /// <summary>Pub/sub delivery to the app (retries of failed deliveries).</summary>
    ResiliencePipeline ComponentInbound(string componentName);
}
