using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Catalog;

/// <summary>Refreshes the catalog periodically (quickly until the first load succeeds).</summary>
internal sealed class CatalogRefresher(CatalogStore store, IOptions<RouterOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Catalog;
        while (!stoppingToken.IsCancellationRequested)
        {
            await store.RefreshAsync(stoppingToken);
            var wait = store.Current.IsEmpty ? settings.InitialRetrySeconds : settings.RefreshSeconds;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
