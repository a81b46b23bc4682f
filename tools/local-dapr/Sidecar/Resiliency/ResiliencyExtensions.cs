namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>Resiliency registration: owned by the resiliency feature (loads Resiliency YAML, builds pipelines).</summary>
public static class ResiliencyExtensions
{
    public static IServiceCollection AddResiliencyFeature(this IServiceCollection services) => services;
}
