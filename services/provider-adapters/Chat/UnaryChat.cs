using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Health;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>A non-streaming call: open, read and translate the body within the attempt timeout, price it.</summary>
internal sealed class UnaryChat(UpstreamSender sender, UsageReports usage, AdapterMetrics metrics, ProviderHealthMonitor health, IOptions<ProvidersOptions> options, TimeProvider time)
{
    public async Task<(AdapterChatResult? Result, AdapterError? Error)> CompleteAsync(AdapterChatRequest request, CancellationToken cancellationToken)
    {
        var open = await sender.OpenAsync(request, stream: false, cancellationToken);
        if (open.Error is not null)
        {
            return (null, open.Error);
        }
        using var response = open.Response!;
        var call = open.Call!;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.AttemptTimeout);
        WireCompletion wire;
        EndTrackingStream? body = null;
        try
        {
            body = new EndTrackingStream(await response.Content.ReadAsStreamAsync(attempt.Token));
            wire = await open.Family!.ReadCompletionAsync(body, response.Headers, call, attempt.Token);
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, sender.Fail(new Classification(ErrorClass.Timeout, "provider response did not complete in time"), request, 200, false));
        }
        catch (JsonException) when (body?.EndReached == true)
        {
            return (null, sender.Fail(new Classification(ErrorClass.StreamInterrupted, "provider response body ended before it was complete"), request, 200, false));
        }
        catch (JsonException)
        {
            return (null, sender.Fail(new Classification(ErrorClass.UpstreamError, "provider answered 200 with an unreadable body"), request, 200, false));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (null, sender.Fail(new Classification(ErrorClass.StreamInterrupted, "provider connection broke while sending the response"), request, 200, false));
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync();
            }
        }
        var choice = wire.Completion.Choices.Count > 0 ? wire.Completion.Choices[0] : null;
        if (choice is null || (choice.FinishReason == FinishReasons.ContentFilter && string.IsNullOrEmpty(choice.Message.Content) && choice.Message.ToolCalls is null))
        {
            var filtered = choice is not null || wire.PromptBlocked;
            return (null, sender.Fail(filtered
                ? new Classification(ErrorClass.ContentFiltered, "the provider's content filter blocked this request")
                : new Classification(ErrorClass.UpstreamError, "provider answered without a choice"), request, 200, false));
        }
        var report = usage.Build(call, wire.Usage, choice.FinishReason, open.StartTimestamp,
            LimitHeaders.WithLimits(open.Family.ReadHeadroom(response.Headers, time.GetUtcNow()),
                call.Account.RateLimitHeaders, response.Headers, time.GetUtcNow()));
        metrics.Succeeded(call.Account.Id, false, report.ProviderLatencyMs, report.CostMicros);
        health.Succeeded(call.Account.Id);
        var completion = wire.Completion with { Usage = OpenAiUsage.From(wire.Usage) };
        return (new AdapterChatResult { Completion = completion, Usage = report }, null);
    }
}
