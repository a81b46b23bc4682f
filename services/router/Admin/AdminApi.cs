using Dapr.AiProvider.Router.Switches;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Admin;

/// <summary>
/// The admin API (role admin; reads — usage, providers, quotas, alerts, the console's views — also viewer).
/// Keys, quotas and usage go to the quota service; circuits and providers are this router's own state. Every
/// call is audited.
/// </summary>
internal static class AdminApi
{
    private const int MaxAdminBody = 64 * 1024;

    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup("/admin").RequireGatewayAuth(Roles.Admins).WithTags("admin");
        admin.MapPost("/keys", (HttpContext c, QuotaAdminClient q, AdminAudit a) => ForwardAsync(c, q, a, HttpMethod.Post, "quota/keys", "keys.create", "new", true));
        admin.MapGet("/keys", (HttpContext c, QuotaAdminClient q, AdminAudit a) => ForwardAsync(c, q, a, HttpMethod.Get, "quota/keys", "keys.list", "*", false));
        admin.MapDelete("/keys/{id}", (string id, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            ForwardAsync(c, q, a, HttpMethod.Delete, $"quota/keys/{Uri.EscapeDataString(id)}", "keys.revoke", id, false));
        admin.MapPut("/quotas/{scope}", (string scope, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            ForwardAsync(c, q, a, HttpMethod.Put, $"quota/limits/{Uri.EscapeDataString(scope)}", "quotas.set", scope, true));
        admin.MapGet("/circuits", CircuitAdmin.List);
        admin.MapPost("/circuits/reset", CircuitAdmin.ResetAsync);
        admin.MapPost("/providers/{provider}/disable", (string provider, HttpContext c, ProviderSwitches s, AdminAudit a) => SwitchAsync(provider, false, c, s, a));
        admin.MapGet("/apps", MeshAppAdmin.List);
        admin.MapPut("/apps/{appId}", MeshAppAdmin.PutAsync);
        admin.MapDelete("/apps/{appId}", MeshAppAdmin.DeleteAsync);
        admin.MapPost("/providers/{provider}/enable", (string provider, HttpContext c, ProviderSwitches s, AdminAudit a) => SwitchAsync(provider, true, c, s, a));
        admin.MapPost("/cache/purge", CacheAdmin.PurgeAsync);

        // Every AI caller may read its own usage (keyed by its key id, JWT subject or "bootstrap").
        app.MapGet("/usage", (HttpContext c, QuotaAdminClient q, AdminAudit a) =>
                ForwardAsync(c, q, a, HttpMethod.Get, $"quota/keys/{Uri.EscapeDataString(ApiKeyFilter.IdentityOf(c).KeyId)}/usage" + c.Request.QueryString,
                    "usage.own", ApiKeyFilter.IdentityOf(c).KeyId, false))
            .RequireGatewayAuth([Roles.Admin, Roles.Service, Roles.User]).WithTags("usage");

        // Reads a viewer may make too (the console's pages for the viewer role); every change above stays admin-only.
        var reads = app.MapGroup("/admin").RequireGatewayAuth(Roles.AnalyticsReaders).WithTags("admin");
        reads.MapGet("/quotas/{scope}", (string scope, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            ForwardAsync(c, q, a, HttpMethod.Get, $"quota/status/{Uri.EscapeDataString(scope)}", "quotas.read", scope, false));
        reads.MapGet("/alerts", (HttpContext c, QuotaAdminClient q, AdminAudit a) => ForwardAsync(c, q, a, HttpMethod.Get, "quota/alerts" + c.Request.QueryString, "alerts.read", "alerts", false));
        reads.MapGet("/providers", CircuitAdmin.Providers);
        ProviderAdmin.MapProviderRegistry(admin, reads);

        var usage = app.MapGroup("/admin/usage").RequireGatewayAuth(Roles.AnalyticsReaders).WithTags("admin");
        usage.MapGet("", (HttpContext c, QuotaAdminClient q, AdminAudit a) => ForwardAsync(c, q, a, HttpMethod.Get, "quota/usage" + c.Request.QueryString, "usage.read", "usage", false));
        usage.MapGet("/top-consumers", (HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            ForwardAsync(c, q, a, HttpMethod.Get, "quota/top-consumers" + c.Request.QueryString, "usage.read", "top-consumers", false));
        usage.MapGet("/cache-hit-rate", (HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            ForwardAsync(c, q, a, HttpMethod.Get, "quota/cache-hit-rate" + c.Request.QueryString, "usage.read", "cache-hit-rate", false));
        return app;
    }

    internal static async Task<IResult> ForwardAsync(HttpContext context, QuotaAdminClient quota, AdminAudit audit, HttpMethod method,
        string path, string action, string target, bool withBody)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var identity = ApiKeyFilter.IdentityOf(context);
        byte[]? body = null;
        if (withBody)
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted);
            if (body is null)
            {
                return ErrorWriter.ToResult(context, GatewayError.TooLarge(MaxAdminBody), time);
            }
        }
        Forwarded result;
        try
        {
            result = await quota.SendAsync(method, path, body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            await audit.RecordAsync(identity, action, target, 503, CancellationToken.None);
            return ErrorWriter.ToResult(context, new GatewayError(503, "quota_unavailable", "The quota service could not be reached; try again."), time);
        }
        await audit.RecordAsync(identity, action, target, result.Status, CancellationToken.None);
        return result;
    }

    private static async Task<IResult> SwitchAsync(string provider, bool enabled, HttpContext context, ProviderSwitches switches, AdminAudit audit)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var identity = ApiKeyFilter.IdentityOf(context);
        var action = enabled ? "providers.enable" : "providers.disable";
        if (provider.Length is 0 or > 100)
        {
            return ErrorWriter.ToResult(context, GatewayError.Unprocessable("The provider id is not valid.", "provider"), time);
        }
        bool saved;
        try
        {
            saved = await switches.SetAsync(provider, enabled, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await audit.RecordAsync(identity, action, provider, 503, CancellationToken.None);
            return ErrorWriter.ToResult(context, new GatewayError(503, "state_store_unavailable", "The state store could not be reached; try again."), time);
        }
        await audit.RecordAsync(identity, action, provider, saved ? 200 : 409, CancellationToken.None);
        return saved
            ? TypedResults.Json(new ProviderSwitch(provider, enabled, [.. switches.Disabled.Order(StringComparer.Ordinal)]), AdminJsonContext.Default.ProviderSwitch)
            : ErrorWriter.ToResult(context, new GatewayError(409, "conflict", "The provider set kept changing; try again."), time);
    }

    /// <summary>The whole body up to <see cref="MaxAdminBody"/> bytes; null when larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxAdminBody)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAdminBody)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
