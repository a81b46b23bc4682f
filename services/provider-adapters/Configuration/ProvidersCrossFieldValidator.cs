using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Configuration;

/// <summary>Rules that span fields and accounts; every violation is listed, not only the first.</summary>
internal sealed class ProvidersCrossFieldValidator : IValidateOptions<ProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvidersOptions options)
    {
        var errors = new List<string>();
        if (options.SimulatorMode && !IsHttpUrl(options.SimulatorUrl!))
        {
            errors.Add($"Providers:SimulatorUrl '{options.SimulatorUrl}' is not an absolute http(s) URL.");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            var at = $"Providers:Accounts:{i} ({account.Id})";
            if (!ids.Add(account.Id))
            {
                errors.Add($"{at}: duplicate provider id.");
            }
            if (!ProviderFamilies.All.Contains(account.Family))
            {
                errors.Add($"{at}: unknown family '{account.Family}' (known: {string.Join(", ", ProviderFamilies.All)}).");
            }
            if (!IsHttpUrl(Environment.ExpandEnvironmentVariables(account.BaseUrl)))
            {
                errors.Add($"{at}: BaseUrl '{account.BaseUrl}' is not an absolute http(s) URL.");
            }
            if (options.SimulatorMode && account.Enabled && string.IsNullOrWhiteSpace(account.SimulatorPath))
            {
                errors.Add($"{at}: SimulatorPath is required in simulator mode.");
            }
            if (!RateLimitDialects.All.Contains(account.RateLimitHeaders))
            {
                errors.Add($"{at}: unknown RateLimitHeaders '{account.RateLimitHeaders}' (known: {string.Join(", ", RateLimitDialects.All)}).");
            }
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(account.ResetTimeZone, out _))
            {
                errors.Add($"{at}: unknown ResetTimeZone '{account.ResetTimeZone}' (an IANA id such as UTC or America/Los_Angeles).");
            }
            ValidateModels(account, at, errors);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateModels(ProviderAccountOptions account, string at, List<string> errors)
    {
        var models = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in account.Models)
        {
            if (!models.Add(model.Model))
            {
                errors.Add($"{at}: model '{model.Model}' is listed twice.");
            }
            if (model.MaxOutputTokens > model.ContextWindow)
            {
                errors.Add($"{at}: model '{model.Model}' has MaxOutputTokens {model.MaxOutputTokens} above its ContextWindow {model.ContextWindow}.");
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
