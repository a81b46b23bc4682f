using Dapr.AiProvider.Router.Streaming;

namespace Dapr.AiProvider.Router.Pipeline;

internal static class PipelineRegistration
{
    /// <summary>The one request path (one per kind of answer) and the chat edges (a whole completion, a stream).</summary>
    public static IServiceCollection AddRequestPipeline(this IServiceCollection services) => services
        .AddSingleton<CallPlanner>()
        .AddSingleton(typeof(RequestPipeline<>))
        .AddSingleton<CompletionAttempt>()
        .AddSingleton<CompletionResponder>()
        .AddSingleton<StreamAttempt>()
        .AddSingleton<StreamRelay>()
        .AddSingleton<StreamResponder>();
}
