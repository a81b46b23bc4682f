using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Faults;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>
/// The request path every dialect shares: read the body, count the call, check the key, validate,
/// pick a fault (message directive first, then the scripted faults), then answer or fail the way
/// that provider does.
/// </summary>
internal sealed partial class ChatHandler(
    IOptionsMonitor<SimulatorOptions> options, FaultRegistry faults, RequestLog requests, RateLimitTracker rates,
    Limits.FreeTierLimiter freeTiers, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ChatHandler> logger)
{
    public async Task HandleAsync(HttpContext context, IChatDialect dialect)
    {
        // Stalls and slow streams end when the client leaves or the simulator shuts down.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = linked.Token;
        try
        {
            await HandleCoreAsync(context, dialect, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            Log.ClientGone(logger, dialect.Provider);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, IChatDialect dialect, CancellationToken ct)
    {
        var opts = options.CurrentValue;
        using var document = await TryParseAsync(context.Request, ct);
        var parsed = document is null ? null : SafeParse(context, dialect, document.RootElement);
        requests.Record(dialect.Provider, parsed?.Model ?? "unknown");

        var reply = dialect.Authenticate(context.Request, opts.KeyFor(dialect.Provider))
            ?? (parsed is null ? dialect.BadRequest("We could not parse the JSON body of your request.") : parsed.Error);
        if (reply is not null || parsed?.Prompt is not { } prompt)
        {
            await reply!.WriteAsync(context.Response, ct);
            return;
        }

        // A real free tier refuses before anything else happens: the provider's own 429 for the window that is full.
        var lateBy = LeaseDeadlines.LateBy(context.Request, time.GetUtcNow(), requests);
        if (freeTiers.TryAdmit(dialect.Provider, prompt.Model, TokenCounter.Count(prompt.PromptChars), lateBy > TimeSpan.Zero) is { } hit)
        {
            requests.RecordRateLimited(dialect.Provider, prompt.Model, lateBy, hit);
            Log.OverLimit(logger, dialect.Provider, prompt.Model, hit.Metric, hit.Monthly ? "month" : hit.Daily ? "day" : "minute", hit.Limit);
            var limitContext = new FaultContext(dialect.Provider, prompt.Model, hit.RetryAfterSeconds, opts.DefaultRetryAfterSeconds, time.GetUtcNow(),
                TokenCounter.Count(prompt.PromptChars), hit);
            await dialect.Fault(hit.UntilReset ? FaultKind.QuotaExhausted : FaultKind.RateLimited, limitContext).WriteAsync(context.Response, ct);
            return;
        }

        var directives = Directives.Parse(prompt.LastUserText);
        double? retryAfter = null;
        FaultKind? fault = null;
        if (directives.Fault is { } name)
        {
            if (!FaultNames.TryParse(name, out var kind))
            {
                await dialect.BadRequest($"Unknown simulator fault '{name}'.").WriteAsync(context.Response, ct);
                return;
            }
            fault = kind;
            retryAfter = directives.RetryAfter;
        }
        else if (faults.TryTake(dialect.Provider, prompt.Model) is { } rule)
        {
            fault = rule.Fault;
            retryAfter = rule.RetryAfterSeconds;
        }

        // Rate-limit headers go on every authenticated response, errors included (a fault may override them).
        dialect.AddResponseHeaders(context.Response, rates.Observe(dialect.Provider, TokenCounter.Count(prompt.PromptChars), opts));
        var faultContext = new FaultContext(dialect.Provider, prompt.Model, retryAfter, opts.DefaultRetryAfterSeconds, time.GetUtcNow(),
            TokenCounter.Count(prompt.PromptChars));
        if (fault is { } f)
        {
            Log.FaultInjected(logger, dialect.Provider, prompt.Model, FaultNames.Name(f));
            if (FaultNames.IsHttpError(f) || (!prompt.Stream && f == FaultKind.StreamErrorBeforeContent))
            {
                var httpFault = FaultNames.IsHttpError(f) ? f : FaultKind.Overloaded;
                await dialect.Fault(httpFault, faultContext).WriteAsync(context.Response, ct);
                return;
            }
        }

        var answer = AnswerBuilder.Build(dialect.Provider, prompt, directives, fault == FaultKind.ContentFilter);
        var pacer = Pacer.For(context.Request, opts, time, fault == FaultKind.SlowDrip, directives.TokensPerSecond);
        if (prompt.Stream)
        {
            var stream = dialect.OpenStream(context, prompt, answer, fault);
            var produced = new ProducedOutput();
            try
            {
                await StreamRunner.RunAsync(context, stream, answer, pacer, fault, faultContext, opts, time, produced, ct);
            }
            finally
            {
                Produced(dialect.Provider, prompt.Model, produced.Complete, answer.PromptTokens,
                    produced.Complete ? answer.OutputTokensWithReasoning : produced.OutputTokens, directives.Tag);
            }
            return;
        }
        await NonStreamAsync(context, dialect, prompt, answer, pacer, fault, opts, directives.Tag, ct);
    }

    private async Task NonStreamAsync(HttpContext context, IChatDialect dialect, ChatPrompt prompt, SimAnswer answer,
        Pacer pacer, FaultKind? fault, SimulatorOptions opts, string? tag, CancellationToken ct)
    {
        if (fault == FaultKind.Stall)
        {
            await SseWriter.StartAsync(context.Response, "application/json", ct);
            await Task.Delay(TimeSpan.FromSeconds(opts.StallSeconds), time, ct);
            context.Abort();
            return;
        }
        await pacer.WholeAsync(answer.OutputTokensWithReasoning, ct);
        if (fault != FaultKind.StreamCut)
        {
            await dialect.WriteCompletionAsync(context, prompt, answer, ct);
            Produced(dialect.Provider, prompt.Model, complete: true, answer.PromptTokens, answer.OutputTokensWithReasoning, tag);
            return;
        }
        // A body cut off half way: headers and part of the JSON, then the connection drops.
        var original = context.Response.Body;
        using var whole = new MemoryStream();
        context.Response.Body = whole;
        await dialect.WriteCompletionAsync(context, prompt, answer, ct);
        context.Response.Body = original;
        await original.WriteAsync(whole.GetBuffer().AsMemory(0, (int)whole.Length / 2), ct);
        await original.FlushAsync(ct);
        context.Abort();
    }

    /// <summary>What an answer produced is counted and, from monthly credits, paid for (a cut stream: what it sent).</summary>
    private void Produced(string provider, string model, bool complete, int promptTokens, int outputTokens, string? tag)
    {
        requests.RecordProduced(provider, model, complete, promptTokens, outputTokens, tag);
        freeTiers.Charge(provider, model, promptTokens, outputTokens);
    }

    /// <summary>Parsers read fields type-tolerantly; a field of a kind they did not expect still becomes the provider's 400.</summary>
    private static ParseResult SafeParse(HttpContext context, IChatDialect dialect, JsonElement body)
    {
        try
        {
            return dialect.Parse(context, body);
        }
        catch (InvalidOperationException)
        {
            return ParseResult.Fail(dialect.BadRequest("Invalid request body: a field has the wrong JSON type."));
        }
    }

    private static async Task<JsonDocument?> TryParseAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Injecting fault {Fault} for {Provider}/{Model}")]
        public static partial void FaultInjected(ILogger logger, string provider, string model, string fault);

        [LoggerMessage(3, LogLevel.Information, "Free tier of {Provider}/{Model} refused a request: {Metric} per {Window} limit {Limit} reached")]
        public static partial void OverLimit(ILogger logger, string provider, string model, string metric, string window, long limit);

        [LoggerMessage(2, LogLevel.Debug, "Client of {Provider} went away mid-response")]
        public static partial void ClientGone(ILogger logger, string provider);
    }
}
