using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Configuration;

/// <summary>Range checks, generated from the data annotations.</summary>
[OptionsValidator]
internal sealed partial class RouterOptionsRangeValidator : IValidateOptions<RouterOptions>;

/// <summary>Cross-field checks: routes, task types and weights must agree with each other.</summary>
internal sealed class RouterOptionsValidator : IValidateOptions<RouterOptions>
{
    private readonly RouterOptionsRangeValidator _ranges = new();

    public ValidateOptionsResult Validate(string? name, RouterOptions options)
    {
        var errors = new List<string>();
        var ranges = _ranges.Validate(name, options);
        if (ranges.Failed)
        {
            errors.AddRange(ranges.Failures);
        }
        if (string.IsNullOrWhiteSpace(options.BootstrapKey))
        {
            errors.Add("Router:BootstrapKey (or AIPROVIDER_BOOTSTRAP_KEY) must be set.");
        }
        else if (options.BootstrapKey.Length < 8)
        {
            errors.Add("Router:BootstrapKey must be at least 8 characters.");
        }
        foreach (var (routeName, route) in options.Routes)
        {
            if (routeName.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"Route '{routeName}': a route name may not contain '/' (reserved for provider/model ids).");
            }
            if (!Enum.IsDefined(route.Strategy))
            {
                errors.Add($"Route '{routeName}': unknown strategy '{route.Strategy}'.");
            }
            if (route.MinQuality is < 0 or > 10)
            {
                errors.Add($"Route '{routeName}': MinQuality must be 0–10.");
            }
        }
        if (!options.Routes.ContainsKey(options.DefaultRoute))
        {
            errors.Add($"Router:DefaultRoute '{options.DefaultRoute}' is not a configured route.");
        }
        if (!options.TaskTypes.ContainsKey(options.DefaultTaskType))
        {
            errors.Add($"Router:DefaultTaskType '{options.DefaultTaskType}' is not a configured task type.");
        }
        foreach (var (taskName, task) in options.TaskTypes)
        {
            if (!options.Routes.ContainsKey(task.Route))
            {
                errors.Add($"Task type '{taskName}': route '{task.Route}' is not configured.");
            }
            if (task.CacheTtlSeconds < 0)
            {
                errors.Add($"Task type '{taskName}': CacheTtlSeconds must not be negative.");
            }
        }
        foreach (var (provider, weight) in options.ProviderWeights)
        {
            if (!(weight > 0) || double.IsInfinity(weight))
            {
                errors.Add($"ProviderWeights '{provider}': weight must be a positive number.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
