using System.Security.Cryptography;
using System.Text;
using Dapr.AiProvider.Quota.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.Quota.Keys;

/// <summary>
/// API keys (reached only through the sidecar; the router's admin API and authenticator call it):
/// create (the key is returned once), list, revoke, verify, batched last-used, and the audit trail.
/// </summary>
internal static class KeyEndpoints
{
    public static IEndpointRouteBuilder MapKeyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/quota");
        group.MapPost("/keys", CreateAsync);
        group.MapGet("/keys", ListAsync);
        group.MapDelete("/keys/{id}", RevokeAsync);
        group.MapPost("/keys/verify", VerifyAsync);
        group.MapPost("/keys/last-used", TouchAsync);
        group.MapGet("/keys/{id}/usage", KeyUsage.GetAsync);
        group.MapPost("/audit", AuditAsync);
        return app;
    }

    internal static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> CreateAsync(CreateKeyRequest? request,
        ApiKeyStore store, ApiKeyPepper pepper, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = KeyRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return QuotaApi.Invalid(errors);
        }
        var result = await LedgerCall.RunAsync(loggers, async () =>
        {
            var (key, prefix) = ApiKeyFormat.Generate();
            var hash = await pepper.HashAsync(key, cancellationToken);
            var info = await store.InsertAsync(ApiKeyFormat.NewId(), prefix, hash, request!, cancellationToken);
            return new CreatedKey(key, info);
        });
        return result.Result is Ok<CreatedKey> ok
            ? TypedResults.Created($"/quota/keys/{ok.Value!.Info.Id}", ok.Value)
            : (ProblemHttpResult)result.Result;
    }

    internal static Task<Results<Ok<IReadOnlyList<ApiKeyInfo>>, ProblemHttpResult>> ListAsync(ApiKeyStore store, ILoggerFactory loggers,
        CancellationToken cancellationToken) =>
        LedgerCall.RunAsync(loggers, () => store.ListAsync(cancellationToken));

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RevokeAsync(string id, ApiKeyStore store, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var result = await LedgerCall.RunAsync(loggers, () => store.RevokeAsync(id, time.GetUtcNow(), cancellationToken));
        return result.Result switch
        {
            Ok<bool> { Value: true } => TypedResults.NoContent(),
            Ok<bool> => TypedResults.NotFound(),
            _ => (ProblemHttpResult)result.Result,
        };
    }

    /// <summary>200 with the key's record (revoked ones too: the caller decides), 404 when no key matches.</summary>
    internal static async Task<Results<Ok<ApiKeyInfo>, NotFound, ProblemHttpResult>> VerifyAsync(VerifyKeyRequest? request,
        ApiKeyStore store, ApiKeyPepper pepper, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var prefix = ApiKeyFormat.PrefixOf(request?.Key);
        if (prefix is null)
        {
            return TypedResults.NotFound();
        }
        var result = await LedgerCall.RunAsync(loggers, async () =>
        {
            var found = await store.FindByPrefixAsync(prefix, cancellationToken);
            if (found is not { } match)
            {
                return null;
            }
            var presented = Encoding.ASCII.GetBytes(await pepper.HashAsync(request!.Key!, cancellationToken));
            return CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(match.Hash)) ? match.Info : null;
        });
        return result.Result switch
        {
            Ok<ApiKeyInfo?> { Value: { } info } => TypedResults.Ok(info),
            Ok<ApiKeyInfo?> => TypedResults.NotFound(),
            _ => (ProblemHttpResult)result.Result,
        };
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> TouchAsync(LastUsedRequest? request, ApiKeyStore store,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request?.Ids is not { Count: > 0 and <= 10_000 } ids)
        {
            return QuotaApi.Invalid(new() { ["ids"] = ["Between 1 and 10000 key ids are required."] });
        }
        var result = await LedgerCall.RunAsync(loggers, () => store.TouchAsync(ids, request.At ?? time.GetUtcNow(), cancellationToken));
        return result.Result is Ok<int> ? TypedResults.NoContent() : (ProblemHttpResult)result.Result;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AuditAsync(AuditEntry? entry, ApiKeyStore store,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (entry is not { Actor.Length: > 0 and <= 200, Action.Length: > 0 and <= 200, Target.Length: <= 500 })
        {
            return QuotaApi.Invalid(new() { ["actor"] = ["actor and action (≤ 200 characters) and target (≤ 500) are required."] });
        }
        var details = entry.Details is { Length: > 0 } d ? System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = d[..Math.Min(d.Length, 2000)] }, QuotaKeysJsonContext.Default.DictionaryStringString) : null;
        var result = await LedgerCall.RunAsync(loggers, async () =>
        {
            await store.AuditAsync(entry.Actor, entry.Action, entry.Target ?? "", details, cancellationToken);
            return true;
        });
        return result.Result is Ok<bool> ? TypedResults.NoContent() : (ProblemHttpResult)result.Result;
    }
}
