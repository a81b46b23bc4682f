using Dapr.AiProvider.Router.Switches;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using System.Net.Http.Headers;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>
/// The router in memory (<see cref="RouterFactory"/>) with JWT settings, a fake key directory, a
/// (shareable) rate window store, a fake quota behind the admin client and captured logs.
/// </summary>
internal sealed class SecureRouter : IDisposable
{
    private readonly RouterFactory _base = new();

    public SecureRouter(FakeKeyDirectory? keys = null, InMemoryRateWindowStore? rates = null, Dictionary<string, string?>? settings = null,
        bool hs256 = true, FakeTimeProvider? time = null)
    {
        Keys = keys ?? new FakeKeyDirectory();
        Rates = rates ?? new InMemoryRateWindowStore();
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in (hs256 ? Tokens.Settings() : []).Concat(settings ?? []))
        {
            overrides[name] = value;
        }
        App = _base.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(overrides)).ConfigureTestServices(services =>
        {
            services.RemoveAll<IKeyDirectory>();
            services.AddSingleton<IKeyDirectory>(Keys);
            services.RemoveAll<IRateWindowStore>();
            services.AddSingleton<IRateWindowStore>(Rates);
            services.RemoveAll<IMeshAppStore>();
            services.AddSingleton<IMeshAppStore>(MeshApps);
            services.AddHttpClient<QuotaAdminClient>().ConfigurePrimaryHttpMessageHandler(() => Quota);
            services.AddSingleton<ILoggerProvider>(Logs);
            if (time is not null)
            {
                // The whole router on a fake clock: key-cache lifetimes pass by Advance, not by sleeping.
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);
            }
        }));
    }

    public WebApplicationFactory<Program> App { get; }
    public RouterFactory Base => _base;
    public FakeKeyDirectory Keys { get; }
    public InMemoryRateWindowStore Rates { get; }
    public FakeQuotaHandler Quota { get; } = new();
    public InMemoryMeshAppStore MeshApps { get; } = new();
    public CapturingLoggerProvider Logs { get; } = new();

    public HttpClient Client(string? bearer = null)
    {
        var client = App.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public void Dispose()
    {
        App.Dispose();
        _base.Dispose();
    }
}
