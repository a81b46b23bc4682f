using System.Net.Http.Headers;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>A provider's non-success answer as received: status, headers and (bounded) body text.</summary>
internal sealed record ProviderFailure(int Status, HttpResponseHeaders Headers, string Body)
{
    /// <summary>First value of a header, or null.</summary>
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
