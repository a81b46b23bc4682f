using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>daprd's conversation errors (dapr <c>pkg/messages/predefined.go</c>, codes in <c>pkg/messages/errorcodes/errorcodes.go</c>).</summary>
internal static class ConversationErrors
{
    public static ApiException NotFound(string name) =>
        ApiException.BadRequest("ERR_CONVERSATION_NOT_FOUND", $"failed finding conversation component {name}");

    public static ApiException MissingInputs(string name) =>
        ApiException.BadRequest("ERR_CONVERSATION_MISSING_INPUTS", $"failed conversing with component {name}: missing inputs in request");

    /// <summary>The code's spelling (PARMS) is daprd's.</summary>
    public static ApiException InvalidParams(string name, string detail) =>
        ApiException.BadRequest("ERR_CONVERSATION_INVALID_PARMS", $"failed conversing with component {name}: invalid params: {detail}");

    public static ApiException Invoke(string name, string detail) =>
        new(500, StatusCode.Internal, "ERR_CONVERSATION_INVOKE", $"failed conversing with component {name}: {detail}");
}
