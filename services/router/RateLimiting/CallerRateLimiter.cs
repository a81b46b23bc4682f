using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.RateLimiting;

/// <summary>
/// Requests and tokens per minute for a caller and, when configured, its team, shared by every router
/// replica through <see cref="SharedWindowCounter"/>. A request is admitted while its minute has
/// requests and tokens left; its tokens are charged when the response is finished (they are unknown
/// before), so the last requests admitted in a minute may pass the token limit by their own size.
/// </summary>
internal sealed partial class CallerRateLimiter(IRateWindowStore store, IOptions<AuthOptions> options, TimeProvider time,
    ILogger<CallerRateLimiter> logger)
{
    // Request slices stay small so a replica never sits on much of another's minute; token slices scale with the limit.
    private readonly SharedWindowCounter _requests = new(store, time, maxSlice: 20);
    private readonly SharedWindowCounter _tokens = new(store, time, maxSlice: long.MaxValue);

    public int RequestLimitFor(ApiKeyIdentity identity) => identity.RequestsPerMinute ?? options.Value.DefaultRequestsPerMinute;

    public int TokenLimitFor(ApiKeyIdentity identity) => identity.TokensPerMinute ?? options.Value.DefaultTokensPerMinute;

    /// <summary>Tokens first (a check that spends nothing), then requests; the caller's own decisions carry the headers.</summary>
    public async ValueTask<RateCheck> AcquireAsync(ApiKeyIdentity identity, CancellationToken cancellationToken)
    {
        try
        {
            var settings = options.Value;
            var tokens = await AcquireAsync(_tokens, "tokens:key:", identity.KeyId, TokenLimitFor(identity), 0, cancellationToken);
            if (!tokens.Allowed)
            {
                return RateCheck.Denied(tokens, "tokens", "key");
            }
            if (await AcquireAsync(_tokens, "tokens:team:", identity.Team, TeamLimit(identity, settings.TeamTokensPerMinute), 0, cancellationToken)
                is { Allowed: false } teamTokens)
            {
                return RateCheck.Denied(teamTokens, "tokens", "team");
            }
            var requests = await AcquireAsync(_requests, "key:", identity.KeyId, RequestLimitFor(identity), 1, cancellationToken);
            if (!requests.Allowed)
            {
                return RateCheck.Denied(requests, "requests", "key");
            }
            if (await AcquireAsync(_requests, "team:", identity.Team, TeamLimit(identity, settings.TeamRequestsPerMinute), 1, cancellationToken)
                is { Allowed: false } teamRequests)
            {
                return RateCheck.Denied(teamRequests, "requests", "team");
            }
            return new RateCheck(true, requests, tokens, "", "");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StoreFailed(logger, ex.GetType().Name);
            return RateCheck.Unlimited;
        }
    }

    /// <summary>Counts a finished response's tokens against the caller's and its team's minute (when they have a limit).</summary>
    public void ChargeTokens(ApiKeyIdentity identity, long tokens)
    {
        if (tokens <= 0)
        {
            return;
        }
        if (TokenLimitFor(identity) > 0)
        {
            _tokens.Charge("tokens:key:" + identity.KeyId, tokens);
        }
        if (TeamLimit(identity, options.Value.TeamTokensPerMinute) > 0)
        {
            _tokens.Charge("tokens:team:" + identity.Team, tokens);
        }
    }

    /// <summary>No subject string and no bucket for an unlimited caller: the common case costs nothing.</summary>
    private static ValueTask<RateDecision> AcquireAsync(SharedWindowCounter counter, string scope, string? id, int limit, long cost,
        CancellationToken cancellationToken) =>
        limit > 0 ? counter.AcquireAsync(scope + id, limit, cost, cancellationToken) : ValueTask.FromResult(Unlimited);

    private static readonly RateDecision Unlimited = new(true, 0, 0, default);

    private static int TeamLimit(ApiKeyIdentity identity, Dictionary<string, int> limits) =>
        identity.Team is { } team && limits.TryGetValue(team, out var limit) ? limit : 0;

    private static partial class Log
    {
        [LoggerMessage(2151, LogLevel.Warning, "Rate limit store unavailable ({Error}); request allowed")]
        public static partial void StoreFailed(ILogger logger, string error);
    }
}

/// <summary>
/// The rate-limit verdict for one request: the caller's own request and token decisions (for the
/// <c>x-ratelimit-*</c> headers) and, when refused, which limit ("requests"/"tokens") of whom ("key"/"team").
/// </summary>
internal readonly record struct RateCheck(bool Allowed, RateDecision Requests, RateDecision Tokens, string DeniedUnit, string DeniedScope)
{
    public static readonly RateCheck Unlimited = new(true, default, default, "", "");

    public RateDecision DeniedBy => DeniedUnit == "tokens" ? Tokens : Requests;

    public static RateCheck Denied(RateDecision decision, string unit, string scope) =>
        unit == "tokens" ? new(false, default, decision, unit, scope) : new(false, decision, default, unit, scope);
}
