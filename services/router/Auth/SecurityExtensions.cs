using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Registers authentication (bootstrap key, database keys via quota, JWT), roles, the per-key rate
/// limiter, the admin API's quota client and audit, Kestrel limits, security headers and opt-in CORS.
/// </summary>
public static class SecurityExtensions
{
    private const string CorsPolicy = "configured-origins";

    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddSingleton<BootstrapKeyAuthenticator>();
        services.AddSingleton<DatabaseKeyAuthenticator>();
        services.AddSingleton<JwtAuthenticator>();
        services.AddSingleton<KeyUsageTracker>();
        services.AddSingleton<IApiKeyAuthenticator, GatewayAuthenticator>();
        services.AddSingleton<CallerRateLimiter>();
        services.AddSingleton<IRateWindowStore, DaprRateWindowStore>();
        services.AddSingleton<AdminAudit>();
        services.AddSingleton<IProviderSwitchStore, DaprProviderSwitchStore>();
        services.AddSingleton<ProviderSwitches>();
        services.AddHostedService<ProviderSwitchRefresher>();
        services.AddHostedService<LastUsedFlusher>();

        services.AddHttpClient<IKeyDirectory, QuotaKeyDirectory>(http => ConfigureQuota(http, configuration, TimeSpan.FromSeconds(5)));
        services.AddHttpClient<QuotaAdminClient>(http => ConfigureQuota(http, configuration, TimeSpan.FromSeconds(30)));

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RouterOptions>>((kestrel, router) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = router.Value.MaxRequestBytes + 1024L;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 100;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });
        var origins = configuration.GetSection(AuthOptions.Section + ":CorsOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
        {
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE")));
        }
        return builder;
    }

    /// <summary>Security headers on every answer; CORS only when origins are configured.</summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
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
        if (app.Configuration.GetSection(AuthOptions.Section + ":CorsOrigins").Get<string[]>() is { Length: > 0 })
        {
            app.UseCors(CorsPolicy);
        }
        return app;
    }

    private static void ConfigureQuota(HttpClient http, IConfiguration configuration, TimeSpan timeout)
    {
        http.BaseAddress = SidecarEndpoint.InvokeBase(configuration, DaprNames.AppIds.Quota);
        http.Timeout = timeout;
        if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Add("dapr-api-token", token);
        }
    }
}
