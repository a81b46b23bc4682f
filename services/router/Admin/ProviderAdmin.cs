namespace Dapr.AiProvider.Router.Admin;

/// <summary>
/// The provider registry (#17.6) under <c>/admin/providers/registry</c>: list and read (admin, viewer); put, patch
/// (JSON Merge Patch), enable, disable, delete (admin). Forwarded to quota, which validates (a bad setting is a 400
/// naming the field, the last good configuration stays) and keeps the table; audited like every admin call. Every
/// adapters replica picks a change up within <c>Providers:Registry:RefreshInterval</c>, every router at its next
/// catalog refresh. Apart from <c>/admin/providers</c> and <c>/admin/providers/{p}/enable|disable</c>, which are the
/// routing view and this router's immediate, state-store switch.
/// </summary>
internal static class ProviderAdmin
{
    public const string Route = "/providers/registry";
    private const string Quota = "quota/providers";

    public static void MapProviderRegistry(RouteGroupBuilder admins, RouteGroupBuilder readers)
    {
        readers.MapGet(Route, (HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            AdminApi.ForwardAsync(c, q, a, HttpMethod.Get, Quota, "providers.registry.list", "*", false));
        readers.MapGet(Route + "/{id}", (string id, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            AdminApi.ForwardAsync(c, q, a, HttpMethod.Get, At(id), "providers.registry.read", id, false));
        admins.MapPut(Route + "/{id}", (string id, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            AdminApi.ForwardAsync(c, q, a, HttpMethod.Put, At(id), "providers.registry.put", id, true));
        admins.MapPatch(Route + "/{id}", (string id, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            AdminApi.ForwardAsync(c, q, a, HttpMethod.Patch, At(id), "providers.registry.patch", id, true));
        admins.MapPost(Route + "/{id}/enable", (string id, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            AdminApi.ForwardAsync(c, q, a, HttpMethod.Post, At(id) + "/enable", "providers.registry.enable", id, false));
        admins.MapPost(Route + "/{id}/disable", (string id, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            AdminApi.ForwardAsync(c, q, a, HttpMethod.Post, At(id) + "/disable", "providers.registry.disable", id, false));
        admins.MapDelete(Route + "/{id}", (string id, HttpContext c, QuotaAdminClient q, AdminAudit a) =>
            AdminApi.ForwardAsync(c, q, a, HttpMethod.Delete, At(id), "providers.registry.delete", id, false));
    }

    private static string At(string id) => Quota + "/" + Uri.EscapeDataString(id);
}
