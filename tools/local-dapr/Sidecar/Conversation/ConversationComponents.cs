using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>The loaded conversation components by name (only <c>conversation.openai</c> exists in the local runtime).</summary>
internal sealed class ConversationComponents
{
    public const string OpenAiType = "conversation.openai";

    private readonly Dictionary<string, OpenAiConversation> _byName = new(StringComparer.Ordinal);

    public ConversationComponents(IReadOnlyList<OpenAiConversationSettings> settings, HttpClient http, IResiliencyProvider? resiliency, TimeProvider time)
    {
        foreach (var component in settings)
        {
            _byName[component.Name] = new OpenAiConversation(component, http, resiliency, time);
        }
    }

    public OpenAiConversation? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Reads every conversation component's metadata; a bad one stops the sidecar (as a failed Init stops daprd).</summary>
    public static IReadOnlyList<OpenAiConversationSettings> Read(LoadedResources resources, Func<string, string?> environment) =>
        resources.Components.Where(c => c.Type == OpenAiType).Select(c => OpenAiConversationSettings.Parse(c, environment)).ToList();
}
