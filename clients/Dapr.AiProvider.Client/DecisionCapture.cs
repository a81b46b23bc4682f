namespace Dapr.AiProvider.Client;

/// <summary>
/// Carries the decision from the HTTP pipeline back up to the chat client. Microsoft.Extensions.AI's
/// OpenAI client keeps only the parsed body (<c>RawRepresentation</c>), not the response headers, so the
/// chat client opens a capture for its call and the pipeline policy below it, running in the same async
/// flow, fills it in. Each call (and concurrent calls) gets its own capture.
/// </summary>
internal sealed class DecisionCapture
{
    private static readonly AsyncLocal<DecisionCapture?> Slot = new();

    public GatewayDecision? Decision { get; set; }

    public static DecisionCapture? Current => Slot.Value;

    /// <summary>Opens a capture for the calling async method (restored when that method returns).</summary>
    public static DecisionCapture Begin()
    {
        var capture = new DecisionCapture();
        Slot.Value = capture;
        return capture;
    }
}
