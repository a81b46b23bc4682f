using System.Collections.Concurrent;
using Polly;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Resolves targets as daprd's <c>EndpointPolicy</c> / <c>ActorPreLockPolicy</c> / <c>Component…Policy</c>:
/// a named target uses exactly its policies; otherwise the <c>Default…Policy</c> names; otherwise the
/// built-ins (service and actor calls: 3 retries 1 s apart on transport errors only; components: none).
/// Breakers: per app+method (LRU per app), per actor type or type+id, per component (shared by both directions).
/// </summary>
internal sealed partial class ResiliencyProvider(
    ResiliencyModel model, TimeProvider time, Func<string, string?> componentType, ILogger? logger = null)
    : IResiliencyProvider
{
    private readonly PipelineFactory _factory = new(time);
    private readonly ConcurrentDictionary<string, TargetEntry<ResiliencePipeline<HttpResponseMessage>>> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TargetEntry<ResiliencePipeline>> _actors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _components = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CircuitBreaker> _componentBreakers = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> App(string appId, string method)
    {
        if (!_apps.TryGetValue(appId, out var entry))
        {
            entry = _apps.GetOrAdd(appId, id => model.Apps.TryGetValue(id, out var target)
                ? NewEntry(model.Resolve(target.Policies), target.CacheSize, _factory.BuildHttp, breakerKeyPrefix: id + ":")
                : NewEntry(ResolveDefaults("App") ?? BuiltIn(ResiliencyModel.BuiltInServiceRetries), 100, _factory.BuildHttp, breakerKeyPrefix: id + ":"));
        }
        // The entry (and its LRU) is the app's own, so the method alone is the key: no "app:method" string per call.
        return entry.Get(method);
    }

    public ResiliencePipeline Actor(string actorType) => Actor(actorType, actorId: null);

    public ResiliencePipeline Actor(string actorType, string? actorId)
    {
        var entry = _actors.GetOrAdd(actorType, type => model.Actors.TryGetValue(type, out var target)
            ? NewEntry(model.Resolve(target.Policies), target.CacheSize, _factory.Build, target.BreakerPerId)
            : NewEntry(ResolveDefaults("Actor") ?? BuiltIn(ResiliencyModel.BuiltInActorRetries), 5000, _factory.Build));
        return entry.Get(entry.BreakerPerId && actorId is not null ? $"{actorType}-{actorId}" : actorType);
    }

    public ResiliencePipeline ComponentOutbound(string componentName) => Component(componentName, "Outbound");

    public ResiliencePipeline ComponentInbound(string componentName) => Component(componentName, "Inbound");

    private ResiliencePipeline Component(string name, string direction) =>
        _components.GetOrAdd($"{direction}\0{name}", _ =>
        {
            var policies = model.Components.TryGetValue(name, out var target)
                ? (direction == "Inbound" ? target.Inbound : target.Outbound) is { } names ? model.Resolve(names) : ResolvedPolicies.None
                : ResolveDefaults(ComponentLevels(name, direction)) ?? ResolvedPolicies.None;
            var breaker = policies.Breaker is { } spec
                ? _componentBreakers.GetOrAdd(name, n => NewBreaker(spec, n))
                : null;
            return _factory.Build(policies, breaker);
        });

    private string[] ComponentLevels(string name, string direction) =>
        componentType(name) is { } type
            ? [$"{type}Component{direction}", $"Component{direction}", "Component"]
            : [$"Component{direction}", "Component"];

    private ResolvedPolicies? ResolveDefaults(params string[] levels) =>
        model.Defaults(levels) is { } names ? model.Resolve(names) : null;

    private ResolvedPolicies BuiltIn(string retryName) => new(null, model.Retries[retryName], null);

    private TargetEntry<T> NewEntry<T>(
        ResolvedPolicies policies, int cacheSize, Func<ResolvedPolicies, CircuitBreaker?, T> build, bool breakerPerId = false,
        string breakerKeyPrefix = "") =>
        new(policies, policies.Breaker is null ? build(policies, null) : default, new LruCache<T>(cacheSize), build, breakerPerId, NewBreaker,
            breakerKeyPrefix);

    private CircuitBreaker NewBreaker(BreakerSpec spec, string key) => new(spec, time, $"{spec.Name}-{key}", OnStateChange);

    private void OnStateChange(string name, BreakerState from, BreakerState to)
    {
        if (logger is not null)
        {
            Log.BreakerChanged(logger, name, from, to);
        }
    }

    /// <summary>
    /// One target: a shared pipeline when it has no breaker, else one pipeline (and breaker) per key. A breaker is named
    /// after its policy and <see cref="BreakerKeyPrefix"/> + key (an app's: <c>adapterBreaker-provider-adapters:chat</c>).
    /// </summary>
    private sealed record TargetEntry<T>(
        ResolvedPolicies Policies, T? Shared, LruCache<T> PerKey, Func<ResolvedPolicies, CircuitBreaker?, T> Build, bool BreakerPerId,
        Func<BreakerSpec, string, CircuitBreaker> NewBreaker, string BreakerKeyPrefix)
    {
        private Func<string, T>? _buildWithBreaker;

        /// <remarks>The builder delegate is made once: a lambda over the breaker spec here cost a closure per call.</remarks>
        public T Get(string key) => Policies.Breaker is null
            ? Shared!
            : PerKey.GetOrAdd(key, _buildWithBreaker ??= k => Build(Policies, NewBreaker(Policies.Breaker!, BreakerKeyPrefix + k)));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Circuit breaker \"{Name}\" changed state from {From} to {To}")]
        public static partial void BreakerChanged(ILogger logger, string name, BreakerState from, BreakerState to);
    }
}
