using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>The test control API: scripted faults and request counts under <c>/_sim</c>.</summary>
internal static class ControlApi
{
    public static IEndpointRouteBuilder MapSimControl(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_sim");
        group.MapPost("/faults", AddFaultAsync);
        group.MapGet("/faults", (FaultRegistry faults) => TypedResults.Ok(new FaultList([.. faults.Snapshot().Select(View)])));
        group.MapDelete("/faults", (FaultRegistry faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
        group.MapGet("/requests", (RequestLog log) => TypedResults.Ok(Counts(log)));
        group.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return TypedResults.NoContent();
        });
        group.MapGet("/limits", (FreeTierLimiter limiter) => TypedResults.Ok(new LimitList(limiter.Enforced,
            [.. limiter.Effective.Select(l => new LimitView(l.Provider, l.Model, l.Rpm, l.Rpd, l.Tpm, l.Tpd, l.TimeZone, l.MonthlyCreditUsd))])));
        // Turns enforcement on or off at runtime ({"enforce": true}); the windows keep their counts.
        group.MapPut("/limits", async Task<Results<NoContent, BadRequest<ControlError>>> (HttpRequest request, FreeTierLimiter limiter, CancellationToken ct) =>
        {
            LimitSwitch? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(request.Body, SimJsonContext.Default.LimitSwitch, ct);
            }
            catch (JsonException ex)
            {
                return TypedResults.BadRequest(new ControlError("Body is not valid JSON: " + ex.Message));
            }
            if (body?.Enforce is not { } enforce)
            {
                return TypedResults.BadRequest(new ControlError("Body must be {\"enforce\": true|false}."));
            }
            limiter.Enforce(enforce);
            return TypedResults.NoContent();
        });
        // Empties every window (as if a new day began for all), so a test can start from a full free tier.
        group.MapDelete("/limits", (FreeTierLimiter limiter) =>
        {
            limiter.Reset();
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<Results<Created<FaultView>, BadRequest<ControlError>>> AddFaultAsync(
        HttpRequest request, FaultRegistry faults, CancellationToken ct)
    {
        FaultRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, SimJsonContext.Default.FaultRequest, ct);
        }
        catch (JsonException ex)
        {
            return TypedResults.BadRequest(new ControlError("Body is not valid JSON: " + ex.Message));
        }
        if (body is null || string.IsNullOrWhiteSpace(body.Provider) || !Providers.IsKnown(body.Provider))
        {
            return TypedResults.BadRequest(new ControlError(
                "'provider' must be one of " + string.Join(", ", Providers.All) + " or '*'."));
        }
        if (!FaultNames.TryParse(body.Fault, out var kind))
        {
            return TypedResults.BadRequest(new ControlError("'fault' must be one of " + string.Join(", ", FaultNames.All) + "."));
        }
        if (body.Count is <= 0 || body.RetryAfterSeconds is <= 0)
        {
            return TypedResults.BadRequest(new ControlError("'count' and 'retryAfterSeconds' must be positive when given."));
        }
        var provider = body.Provider.Trim().ToLowerInvariant();
        var model = string.IsNullOrWhiteSpace(body.Model) ? null : body.Model.Trim();
        var rule = faults.Add(provider, model, kind, body.Count, body.RetryAfterSeconds);
        return TypedResults.Created("/_sim/faults", View(rule));
    }

    private static FaultView View(FaultRule rule) =>
        new(rule.Id, rule.Provider, rule.Model, FaultNames.Name(rule.Fault), rule.Remaining, rule.RetryAfterSeconds);

    private static RequestCounts Counts(RequestLog log)
    {
        var received = Sum(log.Snapshot());
        return new RequestCounts(received.Total, received.Providers, Sum(log.RateLimitedSnapshot()), log.ProducedSnapshot(), log.TaggedSnapshot(),
            log.LeaseSnapshot());
    }

    private static Counts Sum(IReadOnlyDictionary<string, Dictionary<string, int>> byProvider)
    {
        var providers = new SortedDictionary<string, ProviderCounts>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (provider, models) in byProvider)
        {
            var sum = models.Values.Sum();
            total += sum;
            providers[provider] = new ProviderCounts(sum, models);
        }
        return new Counts(total, providers);
    }
}
