using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Health;
using Dapr.AiProvider.ProviderAdapters.Streaming;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>
/// A streaming call: chunks are relayed as the provider's frames arrive. The stream ends with usage only
/// when the provider's terminator arrived; an in-band error, a cut (EOF or reset without terminator)
/// or a stall longer than <c>StreamIdleTimeout</c> ends it with a classified error instead.
/// </summary>
internal sealed class StreamingChat(UpstreamSender sender, UsageReports usage, AdapterMetrics metrics, ProviderHealthMonitor health, IOptions<ProvidersOptions> options, TimeProvider time)
{
    public Task<UpstreamOpen> OpenAsync(AdapterChatRequest request, CancellationToken cancellationToken) =>
        sender.OpenAsync(request, stream: true, cancellationToken);

    public async IAsyncEnumerable<StreamItem> ReadAsync(AdapterChatRequest request, UpstreamOpen open,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = open.Response!;
        var call = open.Call!;
        var translator = open.Family!.CreateStreamTranslator(call);
        var headroom = LimitHeaders.WithLimits(open.Family.ReadHeadroom(response.Headers, time.GetUtcNow()),
            call.Account.RateLimitHeaders, response.Headers, time.GetUtcNow());
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var reader = new SseReader(body);
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var output = new List<ChatCompletionChunk>(4);
        var contentSent = false;
        while (!translator.Completed)
        {
            idle.CancelAfter(options.Value.StreamIdleTimeout);
            SseEvent? next = null;
            Classification? failure = null;
            try
            {
                next = await reader.ReadAsync(linked.Token);
                if (next is { } sseEvent)
                {
                    output.Clear();
                    translator.Translate(sseEvent, output);
                }
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = contentSent
                    ? new(ErrorClass.StreamInterrupted, "provider stream stalled after content", AfterContent: true)
                    : new(ErrorClass.Timeout, "provider stream stalled before any content");
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                failure = new(ErrorClass.StreamInterrupted, "provider connection broke mid-stream", AfterContent: contentSent);
            }
            catch (JsonException)
            {
                failure = new(ErrorClass.StreamInterrupted, "provider sent an unreadable stream frame", AfterContent: contentSent);
            }
            if (failure is null && next is null && !translator.CompleteAtEndOfStream())
            {
                failure = new(ErrorClass.StreamInterrupted, "provider stream ended without its terminator", AfterContent: contentSent);
            }
            if (failure is not null)
            {
                yield return StreamItem.Fail(sender.Fail(failure, request, 200, true));
                yield break;
            }
            foreach (var chunk in output)
            {
                contentSent |= HasContent(chunk);
                yield return StreamItem.Of(chunk);
            }
            output.Clear();
            if (translator.InBandError is { } message)
            {
                var inBand = new Classification(ErrorClass.StreamInterrupted, "in-band provider error: " + message, AfterContent: contentSent);
                yield return StreamItem.Fail(sender.Fail(inBand, request, 200, true));
                yield break;
            }
            if (next is null)
            {
                break;
            }
        }
        if (!contentSent && translator.FinishReason == Adapters.FinishReasons.ContentFilter)
        {
            var filtered = new Classification(ErrorClass.ContentFiltered, "the provider's content filter blocked this request");
            yield return StreamItem.Fail(sender.Fail(filtered, request, 200, true));
            yield break;
        }
        var report = usage.Build(call, translator.Usage, translator.FinishReason, open.StartTimestamp, headroom);
        metrics.Succeeded(call.Account.Id, true, report.ProviderLatencyMs, report.CostMicros);
        health.Succeeded(call.Account.Id);
        yield return StreamItem.End(report);
    }

    private static bool HasContent(ChatCompletionChunk chunk)
    {
        foreach (var choice in chunk.Choices)
        {
            if (choice.Delta.HasContent)
            {
                return true;
            }
        }
        return false;
    }
}
