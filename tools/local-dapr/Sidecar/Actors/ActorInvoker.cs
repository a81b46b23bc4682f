using System.Net.Http.Headers;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Routes an actor call to the one instance that hosts the actor: locally (claiming the owner key when
/// nobody holds it, taking it over from a dead instance) under the actor's turn, or forwarded to the
/// owning sidecar's internal route. Calls for types this app does not host go to an instance of the
/// app that registered the type.
/// </summary>
internal sealed partial class ActorInvoker(
    ActorRuntime runtime,
    ActorTable table,
    ActorPlacement placement,
    ActorAppClient appClient,
    TimeProvider time,
    ILogger<ActorInvoker> logger)
{
    public const string HopsHeader = "x-localdapr-actor-hops";
    private const int MaxHops = 2;
    private static readonly TimeSpan ConfigWait = TimeSpan.FromSeconds(10);
    private readonly HttpClient _peers = new(Hosting.AppChannelFactory.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<ActorCallResult> InvokeAsync(ActorCall call, int hops, CancellationToken ct)
    {
        ActorRuntimeConfig config;
        try
        {
            config = await runtime.Config.WaitAsync(ConfigWait, ct);
        }
        catch (TimeoutException)
        {
            return ActorCallResult.Error(500, "ERR_ACTOR_RUNTIME_NOT_FOUND", "actor runtime is not ready");
        }
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var result = config.Entities.Contains(call.Type)
                ? await RouteHostedAsync(call, config, hops, ct)
                : await RouteRemoteAsync(call, hops, ct);
            if (result is not null)
            {
                return result;
            }
        }
        return ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD", $"error invoke actor method: could not place actor {call.Type}/{call.Id}");
    }

    /// <summary>Runs a call on a local activation under its turn (timers use this directly).</summary>
    public async Task<ActorCallResult?> InvokeLocalAsync(ActorCall call, ActorRuntimeConfig config, CancellationToken ct)
    {
        var activation = table.GetOrAdd(call.Type, call.Id, time.GetUtcNow());
        var reentrancyId = config.ReentrancyEnabled ? call.Header("Dapr-Reentrancy-Id") ?? Guid.NewGuid().ToString() : null;
        IDisposable? turn;
        try
        {
            turn = await activation.EnterAsync(reentrancyId, config.MaxStackDepth, ct);
        }
        catch (InvalidOperationException ex)
        {
            return ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD", "error invoke actor method: " + ex.Message);
        }
        if (turn is null)
        {
            // Deactivated meanwhile: wait until it has left the table and released its key, then look again.
            await activation.Gone.WaitAsync(ct);
            return null;
        }
        using (turn)
        {
            try
            {
                return await appClient.InvokeAsync(call, reentrancyId, ct);
            }
            catch (HttpRequestException ex)
            {
                return ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD", "error invoke actor method: " + ex.Message);
            }
            finally
            {
                activation.Touch(time.GetUtcNow());
            }
        }
    }

    private async Task<ActorCallResult?> RouteHostedAsync(ActorCall call, ActorRuntimeConfig config, int hops, CancellationToken ct)
    {
        if (table.Find(call.Type, call.Id) is { } active)
        {
            if (!active.Deactivated)
            {
                return await InvokeLocalAsync(call, config, ct);
            }
            await active.Gone.WaitAsync(ct);
            return null;
        }
        var location = await placement.LocateAsync(call.Type, call.Id);
        if (location.Kind == ActorLocationKind.Here)
        {
            return await InvokeLocalAsync(call, config, ct);
        }
        if (location is not { Kind: ActorLocationKind.Remote, Owner: { Address.Length: > 0 } owner })
        {
            return null;
        }
        var (result, unreachable) = await ForwardAsync(owner.Address, call, hops, ct);
        // Only an owner whose address refuses connections is gone; one that is merely missing from our
        // (cached) registry view, or slow, keeps its actors.
        if (unreachable && await placement.TakeOverAsync(call.Type, call.Id, owner))
        {
            Log.TakingOver(logger, call.Type, owner.InstanceId);
            return await InvokeLocalAsync(call, config, ct);
        }
        return result;
    }

    private async Task<ActorCallResult?> RouteRemoteAsync(ActorCall call, int hops, CancellationToken ct)
    {
        if (await placement.HostAppAsync(call.Type) is not { } hostApp)
        {
            return ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD",
                $"error invoke actor method: did not find address for actor {call.Type}/{call.Id}");
        }
        if (await placement.OwnerAsync(call.Type, call.Id) is { Address.Length: > 0 } owner && owner.Address != placement.Self.Address)
        {
            var (result, unreachable) = await ForwardAsync(owner.Address, call, hops, ct);
            if (!unreachable)
            {
                return result;
            }
        }
        // No owner yet, or the owner is gone: any instance of the host app places it (and takes a dead owner's key over).
        var endpoint = await placement.AnyInstanceAsync(hostApp, ct);
        return endpoint is null
            ? ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD", $"error invoke actor method: no instance of app {hostApp} is running")
            : (await ForwardAsync(endpoint.HttpAddress, call, hops, ct)).Result;
    }

    /// <summary>Sends the call to another sidecar; <c>Unreachable</c> when nothing listens there any more (it crashed).</summary>
    private async Task<(ActorCallResult? Result, bool Unreachable)> ForwardAsync(string address, ActorCall call, int hops, CancellationToken ct)
    {
        if (hops >= MaxHops)
        {
            return (null, false);
        }
        var uri = $"{address.TrimEnd('/')}/_localdapr/actors/{Uri.EscapeDataString(call.Type)}/{Uri.EscapeDataString(call.Id)}/method/"
            + string.Join('/', call.Method.Split('/').Select(Uri.EscapeDataString));
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent(call.Body) };
        if (call.ContentType is { Length: > 0 } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            request.Content.Headers.ContentType = parsed;
        }
        foreach (var (name, value) in call.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.TryAddWithoutValidation(HopsHeader, (hops + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (runtime.ApiToken is { } token)
        {
            request.Headers.TryAddWithoutValidation("dapr-api-token", token);
        }
        try
        {
            using var response = await _peers.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            return (await ActorCallResult.FromResponseAsync(response, ct), false);
        }
        catch (HttpRequestException ex)
        {
            Log.ForwardFailed(logger, call.Type, address, ex.Message);
            return (null, ex.HttpRequestError == HttpRequestError.ConnectionError);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(201, LogLevel.Information, "taking over actors of type {Type} from stopped instance {Owner}")]
        public static partial void TakingOver(ILogger logger, string type, string owner);

        [LoggerMessage(202, LogLevel.Warning, "forwarding a {Type} actor call to {Address} failed: {Error}")]
        public static partial void ForwardFailed(ILogger logger, string type, string address, string error);
    }
}
