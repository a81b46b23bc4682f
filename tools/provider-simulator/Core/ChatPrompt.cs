using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>What kind of content the caller asked for.</summary>
internal enum OutputFormat
{
    Text,
    JsonObject,
    JsonSchema,
}

/// <summary>A function the caller offered (name and JSON schema of its arguments).</summary>
internal sealed record ToolSpec(string Name, JsonElement? Parameters);

/// <summary>A chat request, reduced by a provider dialect to what the simulator's answer depends on.</summary>
internal sealed record ChatPrompt(
    string Model,
    string LastUserText,
    int PromptChars,
    int? MaxTokens,
    bool Stream,
    bool IncludeUsage,
    IReadOnlyList<ToolSpec> Tools,
    string? ForcedTool,
    bool EndsWithToolResult,
    OutputFormat Format,
    JsonElement? Schema)
{
    /// <summary>Sentinel for <see cref="ForcedTool"/>: some tool must be called, any one.</summary>
    public const string AnyTool = "*";

    public static ChatPrompt Simple(string model, string lastUserText, int promptChars, int? maxTokens, bool stream) =>
        new(model, lastUserText, promptChars, maxTokens, stream, false, [], null, false, OutputFormat.Text, null);
}
