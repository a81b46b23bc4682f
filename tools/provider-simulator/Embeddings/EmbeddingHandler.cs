using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderSimulator.Embeddings;

/// <summary>
/// Embedding requests in every dialect: check the key as that provider does, count the call, refuse over the free tier,
/// answer a scripted HTTP fault the provider's way, else deterministic vectors in the provider's format.
/// </summary>
internal sealed class EmbeddingHandler(
    IOptionsMonitor<SimulatorOptions> options, FaultRegistry faults, RequestLog requests, RateLimitTracker rates,
    Limits.FreeTierLimiter freeTiers, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, IChatDialect dialect, IEmbeddingWire wire, string? routeModel)
    {
        var ct = context.RequestAborted;
        var opts = options.CurrentValue;
        if (dialect.Authenticate(context.Request, opts.KeyFor(dialect.Provider)) is { } denied)
        {
            await denied.WriteAsync(context.Response, ct);
            return;
        }
        EmbeddingAsk? ask;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, ct);
            ask = wire.Parse(document.RootElement, routeModel);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            ask = null;
        }
        if (ask is null)
        {
            await dialect.BadRequest("Invalid embedding request body.").WriteAsync(context.Response, ct);
            return;
        }
        requests.Record(dialect.Provider, ask.Model);
        var tokens = ask.Inputs.Sum(TokenCounter.Count);
        var lateBy = LeaseDeadlines.LateBy(context.Request, time.GetUtcNow(), requests);
        if (freeTiers.TryAdmit(dialect.Provider, ask.Model, tokens, lateBy > TimeSpan.Zero) is { } hit)
        {
            requests.RecordRateLimited(dialect.Provider, ask.Model, lateBy, hit);
            var limited = new FaultContext(dialect.Provider, ask.Model, hit.RetryAfterSeconds, opts.DefaultRetryAfterSeconds, time.GetUtcNow(), tokens, hit);
            await dialect.Fault(hit.UntilReset ? FaultKind.QuotaExhausted : FaultKind.RateLimited, limited).WriteAsync(context.Response, ct);
            return;
        }
        dialect.AddResponseHeaders(context.Response, rates.Observe(dialect.Provider, tokens, opts));
        if (faults.TryTake(dialect.Provider, ask.Model) is { } rule && FaultNames.IsHttpError(rule.Fault))
        {
            var faultContext = new FaultContext(dialect.Provider, ask.Model, rule.RetryAfterSeconds, opts.DefaultRetryAfterSeconds, time.GetUtcNow(), tokens);
            await dialect.Fault(rule.Fault, faultContext).WriteAsync(context.Response, ct);
            return;
        }
        var dimensions = ask.Dimensions ?? SimulatedVectors.DefaultDimensions(ask.Model);
        var vectors = ask.Inputs.Select(input => SimulatedVectors.For(ask.Model, input, dimensions)).ToList();
        await JsonReply.WriteAsync(context.Response, StatusCodes.Status200OK, w => wire.Write(w, ask, vectors, tokens), ct);
    }
}
