using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Providers;

/// <summary>
/// Which catalog models are retired now: past their (or their provider's) retirement date, answered 410 Gone or
/// "decommissioned", or missing from the provider's own model list. A retired model is left out of the catalog and
/// refused without calling upstream; each retirement is logged once.
/// </summary>
internal sealed partial class ModelRetirements(TimeProvider time, ILogger<ModelRetirements> logger)
{
    public const string RetirementDate = "retirement_date";
    public const string ProviderGone = "provider_gone";
    public const string NotListed = "not_listed";

    private readonly ConcurrentDictionary<string, RetiredModel> _learned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _loggedDates = new(StringComparer.Ordinal);

    /// <summary>The model's retirement, or null while it may be routed to.</summary>
    public RetiredModel? Find(CatalogModel model)
    {
        if (_learned.TryGetValue(model.Id, out var learned))
        {
            return learned;
        }
        if (model.RetiresOn is not { } day)
        {
            return null;
        }
        var since = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (time.GetUtcNow() < since)
        {
            return null;
        }
        if (_loggedDates.TryAdd(model.Id, 0))
        {
            Log.Retired(logger, model.Id, RetirementDate);
        }
        return new RetiredModel { Id = model.Id, Provider = model.Provider, Model = model.Model, Since = since, Reason = RetirementDate };
    }

    /// <summary>The provider said the model is gone, or stopped listing it: retire it from now on (logged once).</summary>
    public void Retire(CatalogModel model, string reason)
    {
        var retired = new RetiredModel { Id = model.Id, Provider = model.Provider, Model = model.Model, Since = time.GetUtcNow(), Reason = reason };
        if (_learned.TryAdd(model.Id, retired))
        {
            Log.Retired(logger, model.Id, reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Model {Model} is retired ({Reason}): no longer in the catalog, never routed to")]
        public static partial void Retired(ILogger logger, string model, string reason);
    }
}
