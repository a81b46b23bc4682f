using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.Router.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Authentication (JWT, the bootstrap key, database keys verified through quota), the key filter, Kestrel
/// limits and opt-in CORS; <see cref="UseSecurityHeaders"/> for every answer; <see cref="RequireGatewayAuth{TBuilder}"/>
/// as the group convention.
/// </summary>
internal static class AuthRegistration
{
    private const string CorsPolicy = "configured-origins";

    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton<BootstrapKeyAuthenticator>();
        services.AddSingleton<DatabaseKeyAuthenticator>();
        services.AddSingleton<JwtAuthenticator>();
        services.AddSingleton<KeyUsageTracker>();
        services.AddSingleton<IApiKeyAuthenticator, GatewayAuthenticator>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddSingleton<DaprCaller>();
        services.AddSingleton<IMeshAppStore, DaprMeshAppStore>();
        services.AddSingleton<MeshApps>();
        services.AddSharedRecordMirror<MeshApps>();
        services.AddHostedService<LastUsedFlusher>();
        services.AddHttpClient<IKeyDirectory, QuotaKeyDirectory>(http =>
            SidecarHttpApi.ConfigureInvoke(http, configuration, DaprNames.AppIds.Quota, TimeSpan.FromSeconds(5)));

        // Hostile clients are cut off by Kestrel before a handler runs: slow headers (408 / closed), a trickled body
        // (408), oversized headers (431) and bodies (413). Router:Limits holds the values.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RouterOptions>>((kestrel, router) =>
        {
            var limits = router.Value.Limits;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = router.Value.MaxRequestBytes + 1024L;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = 100;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.HeadersTimeoutSeconds);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, TimeSpan.FromSeconds(limits.MinBodyRateGraceSeconds));
        });
        if (CorsOrigins(configuration) is { Length: > 0 } origins)
        {
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE")));
        }
        return builder;
    }

    /// <summary>Security headers on every answer; CORS only when origins are configured.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return next(context);
        });
        if (CorsOrigins(app.Configuration) is { Length: > 0 })
        {
            app.UseCors(CorsPolicy);
        }
        return app;
    }

    /// <summary>Group convention: authentication (401) and the role check (403).</summary>
    public static TBuilder RequireGatewayAuth<TBuilder>(this TBuilder builder, string[] roles) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddSharedEndpointFilter<TBuilder, ApiKeyFilter>();
        builder.AddEndpointFilter(new RoleFilter(roles));
        return builder;
    }

    private static string[]? CorsOrigins(IConfiguration configuration) =>
        configuration.GetSection(AuthOptions.Section + ":CorsOrigins").Get<string[]>();
}
