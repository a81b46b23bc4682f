using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>
/// A provider's non-streaming answer translated to the OpenAI shape, with its normalised usage.
/// <see cref="PromptBlocked"/>: the provider refused the prompt itself (no choices at all).
/// </summary>
internal sealed record WireCompletion(ChatCompletionResponse Completion, TokenUsage Usage, bool PromptBlocked = false);
