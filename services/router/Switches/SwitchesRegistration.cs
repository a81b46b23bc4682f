using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Switches;

internal static class SwitchesRegistration
{
    /// <summary>Providers an admin switched off, shared by every replica.</summary>
    public static IServiceCollection AddProviderSwitches(this IServiceCollection services) => services
        .AddSingleton<IProviderSwitchStore, DaprProviderSwitchStore>()
        .AddSingleton<ProviderSwitches>()
        .AddSingleton<ProviderSwitchFilter>()
        .AddSharedRecordMirror<ProviderSwitches>();

    /// <summary>Group convention: switched-off providers leave the caller's allow-list (after authentication).</summary>
    public static TBuilder WithProviderSwitches<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddSharedEndpointFilter<TBuilder, ProviderSwitchFilter>();
        return builder;
    }
}
