namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>A parsed chat request, or the provider's error for it (with the model when it could be read).</summary>
internal sealed record ParseResult(string? Model, ChatPrompt? Prompt, ErrorReply? Error)
{
    public static ParseResult Ok(ChatPrompt prompt) => new(prompt.Model, prompt, null);

    public static ParseResult Fail(ErrorReply error, string? model = null) => new(model, null, error);
}
