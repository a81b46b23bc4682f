using Dapr.AiProvider.Router.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dapr.AiProvider.Router.State;

/// <summary>
/// One loop on <see cref="TimeProvider"/> that reloads every <see cref="ISharedRecordMirror"/> every
/// <see cref="Interval"/>, the first time at start. A store outage keeps each mirror's last known record; a mirror's
/// failure is logged once per run of failures and does not hold the others back.
/// </summary>
internal sealed partial class SharedRecordRefresher(IEnumerable<ISharedRecordMirror> mirrors, TimeProvider time, ILogger<SharedRecordRefresher> logger)
    : PeriodicService(time)
{
    /// <summary>How long a change made through another replica takes to arrive here (the admin API's answers say so).</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly ISharedRecordMirror[] _mirrors = [.. mirrors];
    private readonly bool[] _failing = new bool[mirrors.Count()];

    protected override TimeSpan Interval => Every;

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_mirrors.Select((_, index) => RefreshAsync(index, cancellationToken)));

    /// <summary>Unreached: each mirror's failure is handled in its own refresh.</summary>
    protected override void OnFailing(Exception exception) => Log.RefreshFailed(logger, "shared records", exception.GetType().Name);

    private async Task RefreshAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            await _mirrors[index].RefreshAsync(cancellationToken);
            _failing[index] = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_failing[index])
            {
                Log.RefreshFailed(logger, _mirrors[index].Name, ex.GetType().Name);
            }
            _failing[index] = true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2301, LogLevel.Warning, "The {Record} could not be refreshed ({Error}); keeping the last known ones")]
        public static partial void RefreshFailed(ILogger logger, string record, string error);
    }
}

internal static class SharedRecordMirrors
{
    /// <summary>Registers <typeparamref name="TMirror"/> (already a singleton) for the one refresher, which joins once however many features call this.</summary>
    public static IServiceCollection AddSharedRecordMirror<TMirror>(this IServiceCollection services)
        where TMirror : class, ISharedRecordMirror
    {
        services.AddSingleton<ISharedRecordMirror>(sp => sp.GetRequiredService<TMirror>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SharedRecordRefresher>());
        return services;
    }
}
