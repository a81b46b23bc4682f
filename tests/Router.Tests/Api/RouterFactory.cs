using Dapr.AiProvider.Router.Routing;
using System.Net.Http.Headers;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Cooldowns;
using Dapr.AiProvider.Router.Embeddings;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Health;
using Dapr.AiProvider.Router.Tests.Fakes;
using Dapr.AiProvider.Router.Usage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dapr.AiProvider.Router.Tests.Api;

/// <summary>The real router (Program) in memory, with fakes behind every Dapr port.</summary>
internal sealed class RouterFactory : WebApplicationFactory<Program>
{
    public const string Key = "test-bootstrap-key-123";

    public FakeBackend Backend { get; } = new();
    public InMemoryCircuitStore Circuits { get; } = new();
    public InMemoryProviderHealthStore Health { get; } = new();
    public InMemoryAnswerStore<CachedCompletion> Cache { get; } = new();
    public InMemoryCachePurgeStore CachePurges { get; } = new();
    public RecordingUsagePublisher Usage { get; } = new();
    public FakeLeaseSource Leases { get; } = new();
    public FakeCooldownNotifier Cooldowns { get; } = new();
    public FakeEmbeddingBackend Embeddings { get; } = new();
    public InMemoryAnswerStore<CachedEmbeddings> EmbeddingCache { get; } = new();
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Settings override the defaults (a later source wins).
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Router:BootstrapKey"] = Key,
            ["Router:MaxRequestBytes"] = "65536",
            ["Logging:LogLevel:Default"] = "Warning",
        }).AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ICompletionBackend>();
            services.AddSingleton<ICompletionBackend>(Backend);
            services.RemoveAll<ICircuitStore>();
            services.AddSingleton<ICircuitStore>(Circuits);
            services.RemoveAll<IProviderHealthStore>();
            services.AddSingleton<IProviderHealthStore>(Health);
            services.RemoveAll<IAnswerStore<CachedCompletion>>();
            services.AddSingleton<IAnswerStore<CachedCompletion>>(Cache);
            services.RemoveAll<ICachePurgeStore>();
            services.AddSingleton<ICachePurgeStore>(CachePurges);
            services.RemoveAll<IUsagePublisher>();
            services.AddSingleton<IUsagePublisher>(Usage);
            services.RemoveAll<ILeaseSource>();
            services.AddSingleton<ILeaseSource>(Leases);
            services.RemoveAll<ICooldownNotifier>();
            services.AddSingleton<ICooldownNotifier>(Cooldowns);
            services.RemoveAll<IEmbeddingBackend>();
            services.AddSingleton<IEmbeddingBackend>(Embeddings);
            services.RemoveAll<IAnswerStore<CachedEmbeddings>>();
            services.AddSingleton<IAnswerStore<CachedEmbeddings>>(EmbeddingCache);
        });
    }

    public HttpClient Authed()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }
}
