using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>
/// Embedding models (capability <c>embeddings</c>) answer <c>/v1/embeddings</c> and nothing else; chat models never
/// answer it. A route's pool holds only the kind the request needs; a model named outright of the other kind is
/// excluded with the reason.
/// </summary>
internal static class EmbeddingModels
{
    public const string Capability = "embeddings";

    /// <summary>The capability an embedding model lists when it can shorten its vectors to a requested length.</summary>
    public const string DimensionsCapability = "dimensions";

    public static bool Is(CatalogModel model) => model.Capabilities.Contains(Capability, StringComparer.OrdinalIgnoreCase);

    public static string? Gap(CatalogModel model, bool embeddingRequest) => (Is(model), embeddingRequest) switch
    {
        (true, false) => "is an embedding model (use /v1/embeddings)",
        (false, true) => "is not an embedding model",
        _ => null,
    };
}
