using Dapr.AiProvider.Router.State;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// <c>POST /admin/cache/purge</c> with <c>{"scope":"all"}</c>, <c>{"scope":"key","keyId":…}</c> or
/// <c>{"scope":"model","model":…}</c> (the model as callers name it: a route, alias or id). Answers already cached are
/// never served again under the purged scope: on this replica at once, on the others within one refresh.
/// </summary>
internal static class CacheAdmin
{
    private const int MaxBody = 4 * 1024;
    private const int MaxName = 200;

    public static async Task<IResult> PurgeAsync(HttpContext context, CacheGenerations generations, AdminAudit audit, TimeProvider time)
    {
        var identity = ApiKeyFilter.IdentityOf(context);
        PurgeBody? body;
        try
        {
            body = context.Request.ContentLength is > MaxBody
                ? null
                : await JsonSerializer.DeserializeAsync(context.Request.Body, CacheAdminJsonContext.Default.PurgeBody, context.RequestAborted);
        }
        catch (JsonException)
        {
            return ErrorWriter.ToResult(context, GatewayError.BadRequest("The body is not valid JSON."), time);
        }
        if (ToPurge(body) is not { } purge)
        {
            return ErrorWriter.ToResult(context, GatewayError.Unprocessable(
                "Say what to purge: {\"scope\":\"all\"}, {\"scope\":\"key\",\"keyId\":\"…\"} or {\"scope\":\"model\",\"model\":\"…\"}.", "scope"), time);
        }
        var (scope, target) = purge switch
        {
            CachePurge.OfKey key => ("key", key.KeyId),
            CachePurge.OfModel model => ("model", model.Model),
            _ => ("all", "*"),
        };
        bool saved;
        try
        {
            saved = await generations.PurgeAsync(purge, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await audit.RecordAsync(identity, "cache.purge", $"{scope}:{target}", 503, CancellationToken.None);
            return ErrorWriter.ToResult(context, new GatewayError(503, "state_store_unavailable", "The state store could not be reached; try again."), time);
        }
        await audit.RecordAsync(identity, "cache.purge", $"{scope}:{target}", saved ? 200 : 409, CancellationToken.None);
        return saved
            ? TypedResults.Json(new PurgeAnswer(scope, target, (int)SharedRecordRefresher.Every.TotalSeconds), CacheAdminJsonContext.Default.PurgeAnswer)
            : ErrorWriter.ToResult(context, new GatewayError(409, "conflict", "The purge record kept changing; try again."), time);
    }

    private static CachePurge? ToPurge(PurgeBody? body) => body?.Scope switch
    {
        "all" => new CachePurge.All(),
        "key" when Valid(body.KeyId) => new CachePurge.OfKey(body.KeyId!.Trim()),
        "model" when Valid(body.Model) => new CachePurge.OfModel(body.Model!),
        _ => null,
    };

    private static bool Valid(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= MaxName;
}

internal sealed record PurgeBody(
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("keyId")] string? KeyId,
    [property: JsonPropertyName("model")] string? Model);

/// <summary>What was purged, and how soon every other replica stops serving it.</summary>
internal sealed record PurgeAnswer(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("otherReplicasWithinSeconds")] int OtherReplicasWithinSeconds);

[JsonSerializable(typeof(PurgeBody))]
[JsonSerializable(typeof(PurgeAnswer))]
internal sealed partial class CacheAdminJsonContext : JsonSerializerContext;
