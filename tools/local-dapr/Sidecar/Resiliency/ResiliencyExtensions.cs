using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Resiliency registration. The Resiliency resources are read when <see cref="IResiliencyProvider"/> is
/// first resolved; a malformed one throws <see cref="ResiliencyConfigurationException"/> (file + field).
/// </summary>
public static partial class ResiliencyExtensions
{
    public static IServiceCollection AddResiliencyFeature(this IServiceCollection services)
    {
        services.TryAddSingleton<IResiliencyProvider>(sp =>
        {
            var options = sp.GetService<SidecarOptions>() ?? sp.GetRequiredService<IOptions<SidecarOptions>>().Value;
            var model = ResiliencyLoader.Load(options.ResourcesPaths, options.AppId);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("LocalDapr.Resiliency");
            foreach (var name in model.ResourceNames)
            {
                Log.Loaded(logger, name);
            }

            return new ResiliencyProvider(model, sp.GetService<TimeProvider>() ?? TimeProvider.System,
                name => ComponentKind(sp.GetService<LoadedResources>(), name), logger);
        });
        return services;
    }

    /// <summary>daprd's component type word for the <c>Default{Type}Component…Policy</c> names.</summary>
    internal static string? ComponentKind(LoadedResources? resources, string name)
    {
        var type = resources?.Components.FirstOrDefault(c => c.Name == name)?.Type;
        return type?.Split('.')[0] switch
        {
            "state" => "Statestore",
            "pubsub" => "Pubsub",
            "secretstores" => "Secretstore",
            "bindings" => "Binding",
            "lock" => "Lock",
            "configuration" => "Configuration",
            "crypto" => "Crypto",
            _ => null,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Loading Resiliency configuration: {Name}")]
        public static partial void Loaded(ILogger logger, string name);
    }
}
