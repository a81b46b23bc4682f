using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;
using Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;
using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Dapr.AiProvider.ProviderAdapters.Adapters.Tgi;
using Dapr.AiProvider.ProviderAdapters.Configuration;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>The wire family that serves each configured family name.</summary>
internal sealed class ChatFamilies
{
    private readonly OpenAiFamily _openAi = new();
    private readonly AnthropicFamily _anthropic = new();
    private readonly GeminiFamily _gemini = new();
    private readonly TgiFamily _tgi = new();

    public IChatFamily For(string family) => family switch
    {
        ProviderFamilies.Anthropic => _anthropic,
        ProviderFamilies.Gemini => _gemini,
        ProviderFamilies.Tgi => _tgi,
        _ when ProviderFamilies.IsOpenAiShaped(family) => _openAi,
        _ => throw new InvalidOperationException($"Unknown provider family '{family}'."),
    };
}
