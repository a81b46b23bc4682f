using Dapr.AiProvider.Router.Api.Anthropic;
using Dapr.AiProvider.Router.Api.Responses;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Switches;

namespace Dapr.AiProvider.Router.Api;

internal static class AiApi
{
    /// <summary>The AI endpoints, every one behind the same conventions, in the order they run.</summary>
    public static WebApplication MapAiApi(this WebApplication app)
    {
        var ai = app.MapGroup("").RequireGatewayAuth(Roles.AiCallers).RequireRateLimits().WithProviderSwitches();
        ai.MapChatCompletions();
        ai.MapAnthropicMessages();
        ai.MapResponses();
        ai.MapTaskApi();
        ai.MapModels();
        ai.MapEmbeddings();
        return app;
    }
}
