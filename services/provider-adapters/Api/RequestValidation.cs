using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>Checks an adapter request before any provider is called; returns what is wrong, or null.</summary>
internal static class RequestValidation
{
    public static string? Problem(AdapterChatRequest? request)
    {
        if (request is null)
        {
            return "The body must be an AdapterChatRequest JSON object.";
        }
        if (string.IsNullOrWhiteSpace(request.Provider) || string.IsNullOrWhiteSpace(request.Model))
        {
            return "'provider' and 'model' are required.";
        }
        if (request.Request is null || request.Request.Messages is not { Count: > 0 })
        {
            return "'request.messages' must contain at least one message.";
        }
        foreach (var message in request.Request.Messages)
        {
            if (message is null || message.Role is not ("system" or "developer" or "user" or "assistant" or "tool"))
            {
                return $"Unsupported message role '{message?.Role}' (system, developer, user, assistant, tool).";
            }
        }
        return null;
    }
}
