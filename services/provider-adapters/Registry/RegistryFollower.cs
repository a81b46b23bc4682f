using System.Text.Json;
using Dapr.AiProvider.Contracts.Providers;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Registry;

/// <summary>
/// Keeps this replica's providers equal to the registry (quota's <c>providers</c> table): offers the configured
/// accounts of <c>providers.json</c> as its seed once, then reads the registry every
/// <see cref="RegistryOptions.RefreshInterval"/> and, when its revision moved, rebuilds the provider set
/// (<see cref="ProviderRegistry.Apply"/>). Keys still come from the secret store by each account's secret name.
/// While quota cannot be reached the set in force stays; an account that does not build keeps its last good version.
/// </summary>
internal sealed partial class RegistryFollower(
    QuotaRegistryClient quota, ProviderRegistry registry, IOptions<ProvidersOptions> providers, IOptions<RegistryOptions> options,
    TimeProvider time, ILogger<RegistryFollower> logger) : BackgroundService
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, ProviderAccountOptions> _lastGood = new(StringComparer.Ordinal);
    private bool _seeded;
    private long _applied = -1;
    private bool _failing;

    /// <summary>The registry revision this replica serves; -1 before the first read.</summary>
    public long AppliedRevision => Volatile.Read(ref _applied);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RefreshInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Seeds (once), reads the registry and applies it when it changed; false when quota could not be read.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CallTimeout);
            if (!_seeded)
            {
                await SeedAsync(timeout.Token);
                _seeded = true;
            }
            var view = await quota.ReadAsync(timeout.Token);
            if (_failing)
            {
                Log.Reachable(logger);
                _failing = false;
            }
            if (view.Providers.Count == 0)
            {
                // As the router's catalog: an empty answer is a fault (a wiped table), never "serve nothing".
                Log.EmptyIgnored(logger, view.Revision);
            }
            else if (view.Revision != AppliedRevision)
            {
                Apply(view);
            }
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (!_failing)
            {
                Log.Unreachable(logger, ex.GetType().Name, ex.Message);
                _failing = true;
            }
            return false;
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var offered = providers.Value.Accounts.Select(a => RegistrySettings.ToSeed(a, registry.Prices)).ToList();
        var result = await quota.SeedAsync(new ProviderSeedRequest(offered), cancellationToken);
        if (result.Added.Count > 0)
        {
            Log.Seeded(logger, string.Join(", ", result.Added));
        }
        if (result.Updated.Count > 0)
        {
            Log.SeedUpdated(logger, string.Join(", ", result.Updated));
        }
        foreach (var (id, errors) in result.Refused)
        {
            Log.SeedRefused(logger, id, string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))));
        }
    }

    private void Apply(ProviderRegistryView view)
    {
        var accounts = new List<ProviderAccountOptions>();
        foreach (var entry in view.Providers)
        {
            var account = Read(entry, out var problems);
            if (account is not null)
            {
                _lastGood[entry.Id] = account;
                accounts.Add(account);
                continue;
            }
            Log.AccountRefused(logger, entry.Id, problems);
            if (_lastGood.TryGetValue(entry.Id, out var lastGood))
            {
                accounts.Add(lastGood);
            }
        }
        foreach (var (id, errors) in registry.Apply(accounts))
        {
            Log.AccountRefused(logger, id, string.Join("; ", errors));
        }
        Volatile.Write(ref _applied, view.Revision);
        Log.Applied(logger, view.Revision, string.Join(", ", registry.Accounts.Select(a => a.Id).Order(StringComparer.Ordinal)));
    }

    /// <summary>The entry as an account that passes this service's own checks of configuration, or null with why not.</summary>
    private ProviderAccountOptions? Read(ProviderEntry entry, out string problems)
    {
        ProviderAccountOptions account;
        try
        {
            account = RegistrySettings.ToAccount(entry);
        }
        catch (JsonException ex)
        {
            problems = ex.Message;
            return null;
        }
        var single = new ProvidersOptions { Accounts = [account], SimulatorUrl = providers.Value.SimulatorUrl };
        var failures = new[] { new ProvidersOptionsValidator().Validate(null, single), new ProvidersCrossFieldValidator().Validate(null, single) }
            .Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        problems = string.Join("; ", failures);
        return failures.Count == 0 ? account : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Provider registry revision {Revision} applied: serving {Providers}")]
        public static partial void Applied(ILogger logger, long revision, string providers);

        [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Provider registry seeded from providers.json with {Providers}")]
        public static partial void Seeded(ILogger logger, string providers);

        [LoggerMessage(EventId = 47, Level = LogLevel.Information, Message = "Provider registry rows still as seeded follow the newer providers.json: {Providers}")]
        public static partial void SeedUpdated(ILogger logger, string providers);

        [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Provider registry refused the seed of {Provider}: {Problems}")]
        public static partial void SeedRefused(ILogger logger, string provider, string problems);

        [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Provider {Provider} from the registry does not build here ({Problems}); its last good settings stay")]
        public static partial void AccountRefused(ILogger logger, string provider, string problems);

        [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "Provider registry unreachable ({Failure}: {Message}); the providers in force stay")]
        public static partial void Unreachable(ILogger logger, string failure, string message);

        [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "Provider registry revision {Revision} lists no provider; the providers in force stay")]
        public static partial void EmptyIgnored(ILogger logger, long revision);

        [LoggerMessage(EventId = 45, Level = LogLevel.Information, Message = "Provider registry reachable again")]
        public static partial void Reachable(ILogger logger);
    }
}
