using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Actors.Runtime;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Actors;

/// <summary>Typed proxies with JSON remoting (what the actor host expects), aimed at this app's sidecar.</summary>
internal sealed class QuotaActorClient(IActorProxyFactory factory, IOptions<ActorRuntimeOptions> runtime) : IQuotaActorClient
{
    private readonly ActorProxyOptions _options = new()
    {
        UseJsonSerialization = true,
        HttpEndpoint = runtime.Value.HttpEndpoint,
        DaprApiToken = runtime.Value.DaprApiToken,
        JsonSerializerOptions = runtime.Value.JsonSerializerOptions,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public IQuotaActor For(string scope) =>
        factory.CreateActorProxy<IQuotaActor>(QuotaActorIds.For(scope), DaprNames.Actors.Quota, _options);
}
