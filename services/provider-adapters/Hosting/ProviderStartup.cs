using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Hosting;

/// <summary>Builds the provider registry at start (a bad price table or catalog stops the process) and logs what is configured.</summary>
internal sealed partial class ProviderStartup(IServiceProvider services, ILogger<ProviderStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<ProviderRegistry>();
        foreach (var account in registry.Accounts)
        {
            Log.Account(logger, account.Id, account.Family, account.BaseUri.GetLeftPart(UriPartial.Authority), account.Models.Count);
        }
        Log.Ready(logger, registry.SimulatorMode ? "simulator" : "real providers", registry.Prices.Version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Provider {Provider} ({Family}) at {Host}: {Models} models")]
        public static partial void Account(ILogger logger, string provider, string family, string host, int models);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Provider adapters ready ({Mode}), price table {Version}")]
        public static partial void Ready(ILogger logger, string mode, string version);
    }
}
