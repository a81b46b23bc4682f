using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Registry;

/// <summary>
/// quota's provider registry through this app's sidecar (<c>v1.0/invoke/quota/method/…</c>, with
/// <c>DAPR_API_TOKEN</c>; <see cref="RegistryRegistration"/> sets the client up). Plain HTTP with source-generated
/// JSON rather than Dapr.Client, whose JSON is not trim-safe (the service is published as Native AOT).
/// </summary>
internal sealed class QuotaRegistryClient(HttpClient http)
{
    public async Task<ProviderRegistryView> ReadAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync(ProviderRegistryRoutes.Providers, RegistryJsonContext.Default.ProviderRegistryView, cancellationToken)
        ?? throw new JsonException("The registry answered null.");

    public async Task<ProviderSeedResult> SeedAsync(ProviderSeedRequest seed, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(ProviderRegistryRoutes.Seed, seed, RegistryJsonContext.Default.ProviderSeedRequest, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(RegistryJsonContext.Default.ProviderSeedResult, cancellationToken)
            ?? throw new JsonException("The seed answered null.");
    }
}
