using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Pricing;

namespace Dapr.AiProvider.ProviderAdapters.Providers;

/// <summary>The immutable set of provider accounts, built and validated once at start.</summary>
internal sealed class ProviderRegistry
{
    private static readonly string[] DefaultCapabilities = ["chat", "stream"];
    private readonly Dictionary<string, ProviderAccount> _accounts;

    public ProviderRegistry(ProvidersOptions options, PriceTable prices)
    {
        Prices = prices;
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
    public IEnumerable<ProviderAccount> Accounts => _accounts.Values;

    public bool TryGet(string provider, string model, out ProviderAccount account, out CatalogModel entry)
    {
        entry = null!;
        return _accounts.TryGetValue(provider, out account!) && account.Models.TryGetValue(model, out entry!);
    }

    private static ProviderAccount Build(ProviderAccountOptions account, ProvidersOptions options, PriceTable prices, List<string> errors)
    {
        var baseUri = options.SimulatorMode
            ? new Uri(options.SimulatorUrl!.TrimEnd('/') + "/" + account.SimulatorPath!.TrimStart('/'))
            : new Uri(Environment.ExpandEnvironmentVariables(account.BaseUrl));
        var models = new Dictionary<string, CatalogModel>(StringComparer.Ordinal);
        foreach (var model in account.Models)
        {
            var price = prices.Find(account.Id, model.Model);
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
