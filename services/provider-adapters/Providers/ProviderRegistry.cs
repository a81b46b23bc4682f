using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Pricing;

namespace Dapr.AiProvider.ProviderAdapters.Providers;

/// <summary>
/// The set of provider accounts: built and validated at start from configuration (<c>providers.json</c>), then
/// replaced whole when the provider registry changes (<see cref="Apply"/>). Each set is immutable; readers take the
/// current one without locks.
/// </summary>
internal sealed class ProviderRegistry
{
    private static readonly string[] DefaultCapabilities = ["chat", "stream"];
    private readonly ProvidersOptions _options;
    private Dictionary<string, ProviderAccount> _accounts;

    public ProviderRegistry(ProvidersOptions options, PriceTable prices)
    {
        Prices = prices;
        _options = options;
        SimulatorMode = options.SimulatorMode;
        _accounts = new Dictionary<string, ProviderAccount>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var account in options.Accounts)
        {
            if (!account.Enabled || (account.SimulatorOnly && !options.SimulatorMode))
            {
                continue;
            }
            _accounts[account.Id] = Build(account, options, prices, errors);
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Provider configuration is invalid:\n  " + string.Join("\n  ", errors));
        }
    }

    public PriceTable Prices { get; }
    public bool SimulatorMode { get; }
    public IEnumerable<ProviderAccount> Accounts => Volatile.Read(ref _accounts).Values;

    public bool TryGet(string provider, string model, out ProviderAccount account, out CatalogModel entry)
    {
        entry = null!;
        return Volatile.Read(ref _accounts).TryGetValue(provider, out account!) && account.Models.TryGetValue(model, out entry!);
    }

    /// <summary>
    /// Replaces the served set with <paramref name="accounts"/> (the registry's providers; a disabled one leaves the
    /// set). An account that does not build keeps its last good version (or stays out when it has none) and is
    /// returned with its problems; the others take effect at once.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Apply(IEnumerable<ProviderAccountOptions> accounts)
    {
        var previous = Volatile.Read(ref _accounts);
        var next = new Dictionary<string, ProviderAccount>(StringComparer.Ordinal);
        var refused = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            if (!account.Enabled || (account.SimulatorOnly && !_options.SimulatorMode))
            {
                continue;
            }
            var errors = new List<string>();
            ProviderAccount? built = null;
            try
            {
                built = Build(account, _options, Prices, errors);
            }
            catch (UriFormatException ex)
            {
                errors.Add($"{account.Id}: {ex.Message}");
            }
            if (errors.Count == 0 && built is not null)
            {
                next[account.Id] = built;
                continue;
            }
            refused[account.Id] = errors;
            if (previous.TryGetValue(account.Id, out var lastGood))
            {
                next[account.Id] = lastGood;
            }
        }
        Volatile.Write(ref _accounts, next);
        return refused;
    }

    private static ProviderAccount Build(ProviderAccountOptions account, ProvidersOptions options, PriceTable prices, List<string> errors)
    {
        if (options.SimulatorMode && string.IsNullOrWhiteSpace(account.SimulatorPath))
        {
            errors.Add($"{account.Id} has no SimulatorPath, which simulator mode needs.");
        }
        var baseUri = options.SimulatorMode
            ? new Uri(options.SimulatorUrl!.TrimEnd('/') + "/" + (account.SimulatorPath ?? "").TrimStart('/'))
            : new Uri(Environment.ExpandEnvironmentVariables(account.BaseUrl));
        var models = new Dictionary<string, CatalogModel>(StringComparer.Ordinal);
        foreach (var model in account.Models)
        {
            var price = model.Price ?? prices.Find(account.Id, model.Model);
            if (price is null && !model.FreeTier)
            {
                errors.Add($"{account.Id}/{model.Model} is not free tier and has no price in price table {prices.Version}.");
            }
            models[model.Model] = new CatalogModel
            {
                Id = account.Id + "/" + model.Model,
                Provider = account.Id,
                Family = account.Family,
                Model = model.Model,
                Aliases = [.. model.Aliases.Distinct(StringComparer.Ordinal)],
                FreeTier = model.FreeTier,
                ContextWindow = model.ContextWindow,
                MaxOutputTokens = model.MaxOutputTokens,
                Capabilities = model.Capabilities.Count > 0 ? [.. model.Capabilities.Distinct(StringComparer.Ordinal)] : DefaultCapabilities,
                Price = price ?? new ModelPrice(),
                Quality = model.Quality,
                RetiresOn = Earliest(account.RetiresOn, model.RetiresOn),
                FreeWindows = model.FreeTier ? FreeWindows(account, model, options) : null,
            };
        }
        var exchange = string.IsNullOrWhiteSpace(account.TokenExchangeUrl) ? null : new Uri(account.TokenExchangeUrl);
        return new ProviderAccount(account.Id, account.Family, baseUri,
            string.IsNullOrWhiteSpace(account.ApiKeySecret) ? null : account.ApiKeySecret,
            new Dictionary<string, string>(account.Headers, StringComparer.OrdinalIgnoreCase), exchange, models, account.RateLimitHeaders);
    }

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Account windows (scope account) or the model's own (scope model), each with its configured overrides.</summary>
    private static FreeTierWindows? FreeWindows(ProviderAccountOptions account, ModelOptions model, ProvidersOptions options)
    {
        var overrides = options.FreeWindowOverrides;
        var accountWindows = account.FreeWindows?.With(overrides.GetValueOrDefault(account.Id));
        var modelOverride = overrides.GetValueOrDefault(account.Id + "/" + model.Model);
        var windows = model.FreeWindows is not null || (accountWindows is null && modelOverride is not null)
            ? (model.FreeWindows ?? new FreeWindowOptions()).With(modelOverride)
            : accountWindows;
        if (windows is null)
        {
            return null;
        }
        return new FreeTierWindows
        {
            RequestsPerMinute = windows.Rpm,
            RequestsPerDay = windows.Rpd,
            TokensPerMinute = windows.Tpm,
            TokensPerDay = windows.Tpd,
            MonthlyCreditMicros = windows.MonthlyCreditUsd is { } usd ? (long)(usd * 1_000_000m) : null,
            Scope = ReferenceEquals(windows, accountWindows) ? "account" : "model",
            ResetTimeZone = account.ResetTimeZone,
            Source = windows.Source ?? "",
            CheckedOn = windows.CheckedOn,
        };
    }
}
