using System.ClientModel.Primitives;

namespace Dapr.AiProvider.Client;

/// <summary>
/// OpenAI SDK pipeline policy that reads the gateway's decision headers off each response (per try, so
/// the answer that was finally returned wins) into the current <see cref="DecisionCapture"/>. It runs
/// once the response headers are in, so it works for streams too.
/// </summary>
internal sealed class DecisionCapturePolicy : PipelinePolicy
{
    public static readonly DecisionCapturePolicy Instance = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Capture(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Capture(message);
    }

    private static void Capture(PipelineMessage message)
    {
        if (DecisionCapture.Current is { } capture && message.Response is { } response)
        {
            capture.Decision = GatewayDecision.FromHeaders(name => response.Headers.TryGetValue(name, out var value) ? value : null);
        }
    }
}
