using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Admin;

/// <summary>
/// <c>/admin/apps</c>: which Dapr apps of the mesh are admitted by their identity alone (no API key), with the
/// role, team, allow-list and limits a key would have. Shared by every replica through the state store; audited.
/// </summary>
internal static class MeshAppAdmin
{
    /// <summary>Roles a mesh app may hold: never admin (an identity without a secret of its own does not administer).</summary>
    private static readonly string[] AppRoles = [Roles.Service, Roles.User, Roles.Viewer];

    public static IResult List(MeshApps apps) => TypedResults.Json(apps.All.ToArray(), AdminJsonContext.Default.MeshAppArray);

    public static async Task<IResult> PutAsync(string appId, MeshAppRequest? request, HttpContext context, MeshApps apps, AdminAudit audit)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        if (Validate(appId, request) is { } invalid)
        {
            return ErrorWriter.ToResult(context, invalid, time);
        }
        var app = new MeshApp
        {
            AppId = appId,
            Role = request!.Role!,
            Team = request.Team,
            AllowedModels = request.AllowedModels ?? [],
            RequestsPerMinute = request.RequestsPerMinute,
            TokensPerMinute = request.TokensPerMinute,
        };
        return await SaveAsync(context, apps, audit, appId, app, "apps.admit", time);
    }

    public static Task<IResult> DeleteAsync(string appId, HttpContext context, MeshApps apps, AdminAudit audit)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        return DaprCaller.IsAppId(appId)
            ? SaveAsync(context, apps, audit, appId, null, "apps.remove", time)
            : Task.FromResult(ErrorWriter.ToResult(context, GatewayError.Unprocessable("The app id is not a Dapr app id.", "appId"), time));
    }

    private static async Task<IResult> SaveAsync(HttpContext context, MeshApps apps, AdminAudit audit, string appId, MeshApp? app, string action, TimeProvider time)
    {
        var identity = ApiKeyFilter.IdentityOf(context);
        bool saved;
        try
        {
            saved = await apps.SetAsync(appId, app, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await audit.RecordAsync(identity, action, appId, 503, CancellationToken.None);
            return ErrorWriter.ToResult(context, new GatewayError(503, "state_store_unavailable", "The state store could not be reached; try again."), time);
        }
        await audit.RecordAsync(identity, action, appId, saved ? 200 : 409, CancellationToken.None);
        return saved
            ? TypedResults.Json(apps.All.ToArray(), AdminJsonContext.Default.MeshAppArray)
            : ErrorWriter.ToResult(context, new GatewayError(409, "conflict", "The app list kept changing; try again."), time);
    }

    private static GatewayError? Validate(string appId, MeshAppRequest? request)
    {
        if (!DaprCaller.IsAppId(appId))
        {
            return GatewayError.Unprocessable($"The app id is not a Dapr app id (letters, digits, '-', '_', '.'; at most {DaprCaller.MaxAppIdLength} characters).", "appId");
        }
        if (request?.Role is not { } role || Array.IndexOf(AppRoles, role) < 0)
        {
            return GatewayError.Unprocessable("role must be one of: service, user, viewer.", "role");
        }
        if (request.Team is { Length: > 200 })
        {
            return GatewayError.Unprocessable("team has at most 200 characters.", "team");
        }
        if (request.AllowedModels is { } models && (models.Count > 500 || models.Any(m => !AllowList.IsValidEntry(m))))
        {
            return GatewayError.Unprocessable("allowedModels holds at most 500 entries, each 'provider', 'provider/*' or 'provider/model'.", "allowedModels");
        }
        return request.RequestsPerMinute is < 0 || request.TokensPerMinute is < 0
            ? GatewayError.Unprocessable("Rate limits cannot be negative.", "requestsPerMinute")
            : null;
    }
}

/// <summary>Body of <c>PUT /admin/apps/{appId}</c>.</summary>
internal sealed record MeshAppRequest(string? Role, string? Team, IReadOnlyList<string>? AllowedModels, int? RequestsPerMinute, int? TokensPerMinute);
