using System.Collections.Frozen;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Router.Catalog;

/// <summary>An immutable, validated view of the adapters' catalog, swapped atomically on refresh.</summary>
internal sealed record CatalogSnapshot
{
    public static readonly CatalogSnapshot Empty = new("", [], DateTimeOffset.MinValue);

    private CatalogSnapshot(string version, IReadOnlyList<CatalogModel> models, DateTimeOffset loadedAt)
    {
        Version = version;
        Models = models;
        LoadedAt = loadedAt;
        ById = models.ToFrozenDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
        ByAlias = models
            .SelectMany(m => m.Aliases.Select(a => (Alias: a, Model: m)))
            .GroupBy(x => x.Alias, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<CatalogModel>)g.Select(x => x.Model).ToArray(), StringComparer.OrdinalIgnoreCase);
        ByModelName = models
            .GroupBy(m => m.Model, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<CatalogModel>)g.ToArray(), StringComparer.OrdinalIgnoreCase);
        Providers = models.Select(m => m.Provider).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public string Version { get; }
    public IReadOnlyList<CatalogModel> Models { get; }
    public DateTimeOffset LoadedAt { get; }
    public FrozenDictionary<string, CatalogModel> ById { get; }
    public FrozenDictionary<string, IReadOnlyList<CatalogModel>> ByAlias { get; }
    public FrozenDictionary<string, IReadOnlyList<CatalogModel>> ByModelName { get; }
    public IReadOnlyList<string> Providers { get; }
    public bool IsEmpty => Models.Count == 0;

    /// <summary>Builds a snapshot, dropping invalid entries; <paramref name="rejected"/> says which and why.</summary>
    public static CatalogSnapshot Build(ModelCatalog catalog, DateTimeOffset now, out IReadOnlyList<string> rejected)
    {
        var problems = new List<string>();
        var kept = new List<CatalogModel>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in catalog.Models)
        {
            var normalized = string.IsNullOrWhiteSpace(model.Id) ? model with { Id = $"{model.Provider}/{model.Model}" } : model;
            if (string.IsNullOrWhiteSpace(normalized.Provider) || string.IsNullOrWhiteSpace(normalized.Model))
            {
                problems.Add($"'{normalized.Id}': provider and model are required");
            }
            else if (normalized.ContextWindow < 0 || normalized.MaxOutputTokens < 0)
            {
                problems.Add($"'{normalized.Id}': negative token limits");
            }
            else if (!seen.Add(normalized.Id))
            {
                problems.Add($"'{normalized.Id}': duplicate id");
            }
            else
            {
                kept.Add(normalized);
            }
        }
        rejected = problems;
        return new CatalogSnapshot(catalog.Version, kept, now);
    }
}
