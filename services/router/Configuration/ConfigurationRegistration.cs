using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Configuration;

internal static class ConfigurationRegistration
{
    /// <summary>Sections <c>Router</c> and <c>Router:Auth</c>, validated at start by source-generated range checks plus
    /// cross-field validators (a bad setting stops the process with every error listed), and the listening address.</summary>
    public static WebApplicationBuilder AddRouterConfiguration(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        UseAppPort(builder);
        services.AddOptionsWithValidateOnStart<RouterOptions>().Bind(builder.Configuration.GetSection(RouterOptions.Section));
        services.AddSingleton<IPostConfigureOptions<RouterOptions>, RouterOptionsDefaults>();
        services.AddSingleton<IValidateOptions<RouterOptions>, RouterOptionsValidator>();
        services.AddOptionsWithValidateOnStart<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        return builder;
    }

    /// <summary>Listens on 127.0.0.1:<c>APP_PORT</c> when <c>ASPNETCORE_URLS</c> / <c>urls</c> say nothing.</summary>
    private static void UseAppPort(WebApplicationBuilder builder)
    {
        var port = builder.Configuration["APP_PORT"];
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"])
            && int.TryParse(port, out var p) && p > 0)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{p}");
        }
    }
}
