using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.State;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Actor state (dapr pkg/actors/state): keys <c>{appId}||{type}||{id}||{key}</c> in the actor state store;
/// <c>GET …/state/{key}</c> → 200 + the stored JSON or 204; <c>PUT|POST …/state</c> → a transaction of
/// <c>upsert</c>/<c>delete</c> operations, 204. Both need the actor to be active in this instance
/// (ERR_ACTOR_INSTANCE_MISSING); <c>ttlInSeconds</c> needs the <c>ActorStateTTL</c> feature.
/// </summary>
internal static class ActorStateApi
{
    public static IEndpointRouteBuilder MapActorState(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1.0/actors/{actorType}/{actorId}/state/{key}", GetAsync);
        endpoints.MapMethods("/v1.0/actors/{actorType}/{actorId}/state", ["PUT", "POST"], TransactAsync);
        return endpoints;
    }

    public static string Key(string appId, string type, string id, string key) => $"{appId}||{type}||{id}||{key}";

    private static async Task<IResult> GetAsync(string actorType, string actorId, string key, ActorTable table,
        IStateStoreRegistry stores, SidecarOptions options, CancellationToken ct)
    {
        if (Check(actorType, actorId, table, stores) is { } error)
        {
            return error;
        }
        var entry = await stores.ActorStore!.GetAsync(Key(options.AppId, actorType, actorId, key), ct);
        return entry is null || entry.Value.Length == 0
            ? Results.NoContent()
            : Results.Bytes(entry.Value, "application/json");
    }

    private static async Task<IResult> TransactAsync(string actorType, string actorId, HttpRequest request, ActorTable table,
        IStateStoreRegistry stores, SidecarOptions options, LoadedResources resources, CancellationToken ct)
    {
        if (Check(actorType, actorId, table, stores) is { } error)
        {
            return error;
        }
        List<StateOperation> operations;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            operations = Parse(document.RootElement, options.AppId, actorType, actorId, resources.Features.Contains("ActorStateTTL"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return Error(400, "ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: " + ex.Message);
        }
        catch (NotSupportedException ex)
        {
            return Error(500, "ERR_ACTOR_STATE_TRANSACTION_SAVE", "error saving actor transaction state: " + ex.Message);
        }
        try
        {
            await stores.ActorStore!.TransactAsync(operations, ct);
            return Results.NoContent();
        }
        catch (StateStoreException ex)
        {
            return Error(500, "ERR_ACTOR_STATE_TRANSACTION_SAVE", "error saving actor transaction state: " + ex.Message);
        }
    }

    private static List<StateOperation> Parse(JsonElement root, string appId, string type, string id, bool ttlEnabled)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected a JSON array of operations");
        }
        var operations = new List<StateOperation>();
        foreach (var op in root.EnumerateArray())
        {
            var kind = op.GetProperty("operation").GetString();
            var req = op.GetProperty("request");
            var key = Key(appId, type, id, req.GetProperty("key").GetString() ?? throw new FormatException("missing key"));
            if (kind == "delete")
            {
                operations.Add(new StateOperation(null, key));
                continue;
            }
            if (kind != "upsert")
            {
                throw new FormatException($"operation type {kind} not supported");
            }
            var value = req.TryGetProperty("value", out var v) ? Encoding.UTF8.GetBytes(v.GetRawText()) : [];
            operations.Add(new StateOperation(new StateWrite(key, value, TtlSeconds: Ttl(req, ttlEnabled))));
        }
        return operations;
    }

    private static int? Ttl(JsonElement request, bool enabled)
    {
        if (!request.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("ttlInSeconds", out var ttl))
        {
            return null;
        }
        if (!enabled)
        {
            throw new NotSupportedException("ttlInSeconds is not supported without the \"ActorStateTTL\" feature enabled");
        }
        var text = ttl.ValueKind == JsonValueKind.String ? ttl.GetString() : ttl.GetRawText();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? seconds : throw new FormatException($"ttlInSeconds '{text}' is not an integer");
    }

    private static IResult? Check(string type, string id, ActorTable table, IStateStoreRegistry stores)
    {
        if (stores.ActorStore is null)
        {
            return Error(500, "ERR_ACTOR_RUNTIME_NOT_FOUND",
                "the state store is not configured to use the actor runtime. Have you set the - name: actorStateStore value: \"true\" in your state store component file?");
        }
        return table.Find(type, id) is { Deactivated: false } ? null : Error(400, "ERR_ACTOR_INSTANCE_MISSING", "actor instance is missing");
    }

    private static IResult Error(int status, string code, string message) => new DaprError(code, message).ToResult(status);
}
