using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;

/// <summary>
/// The called sidecar's access control check before an invocation reaches its app (dapr/dapr
/// pkg/api/grpc/daprinternal.go callLocalValidateACL). A refusal is what the calling daprd answers for a
/// PermissionDenied from its peer (pkg/api/http/directmessaging.go): 403 with ERR_DIRECT_INVOKE.
/// </summary>
internal static class AccessControlGate
{
    public static async ValueTask<bool> AllowsAsync(HttpContext context, IServiceProvider services, string method)
    {
        if (services.GetRequiredService<LoadedResources>().AccessControl is not { } acl)
        {
            return true;
        }
        var caller = services.GetRequiredService<MeshIdentity>().CallerOf(context.Request);
        var verb = context.Request.Method.ToUpperInvariant();
        if (acl.IsAllowed(caller, method, verb, isHttp: true))
        {
            return true;
        }
        var appId = services.GetRequiredService<SidecarOptions>().AppId;
        await new DaprError("ERR_DIRECT_INVOKE",
            $"failed to invoke, id: {appId}, err: rpc error: code = PermissionDenied desc = access control policy has denied access to " +
            $"id: {caller?.Url ?? ""} operation: {method} verb: {verb}").WriteAsync(context, StatusCodes.Status403Forbidden);
        return false;
    }
}
