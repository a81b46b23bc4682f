using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>Resiliency registration: loads Resiliency YAML and builds Polly pipelines.</summary>
public static class ResiliencyExtensions
{
    public static IServiceCollection AddResiliencyFeature(this IServiceCollection services)
    {
        services.TryAddSingleton<IResiliencyProvider, BuiltInResiliencyProvider>();
        return services;
    }
}
