using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>
/// A scripted provider-adapters: answers "Hello from {provider}/{model}" unless a failure or a stream
/// script was set for that model id. Records every call.
/// </summary>
internal sealed class FakeBackend : ICompletionBackend
{
    private readonly ConcurrentDictionary<string, Func<AdapterChatRequest, AttemptOutcome<AdapterChatResult>>> _answers = new();
    private readonly ConcurrentDictionary<string, Func<IReadOnlyList<BackendStreamEvent>>> _streams = new();
    private readonly ConcurrentDictionary<string, AdapterError> _streamOpenErrors = new();

    public ModelCatalog Catalog { get; set; } = TestCatalog.Default();
    public ConcurrentQueue<AdapterChatRequest> Calls { get; } = new();
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    /// <summary>When set, every non-streamed answer waits for it, whatever the caller does (a provider still working).</summary>
    public Task? CompletionHold { get; set; }
    /// <summary>When set, every stream waits for it before its final <c>done</c> event (a slow provider).</summary>
    public Task? StreamHold { get; set; }
    /// <summary>The index of the stream event <see cref="StreamHold"/> waits before, when not the <c>done</c> event.</summary>
    public int? StreamHoldAt { get; set; }

    public void Fail(string modelId, ErrorClass errorClass, DateTimeOffset? retryAt = null, bool perModel = false) =>
        _answers[modelId] = r => AttemptOutcome<AdapterChatResult>.Failure(Error(r, errorClass, retryAt, perModel));

    public void Answer(string modelId, Func<AdapterChatRequest, AttemptOutcome<AdapterChatResult>> answer) => _answers[modelId] = answer;

    public void FailStreamOpen(string modelId, ErrorClass errorClass) =>
        _streamOpenErrors[modelId] = new AdapterError { Class = errorClass, Message = "scripted" };

    public void Stream(string modelId, Func<IReadOnlyList<BackendStreamEvent>> events) => _streams[modelId] = events;

    /// <summary>The next this-many stream opens find provider-adapters unreachable (a sidecar restarting).</summary>
    public int StreamHopFailures { get; set; }

    /// <summary>Every call finds the router's sidecar refusing the hop: its breaker on provider-adapters is open.</summary>
    public bool HopBreakerOpen { get; set; }

    private const string BreakerOpen = "failed to invoke, id: provider-adapters, err: circuit breaker is open";

    public Task<ModelCatalog> GetCatalogAsync(CancellationToken cancellationToken) => Task.FromResult(Catalog);

    public async Task<AttemptOutcome<AdapterChatResult>> CompleteAsync(AdapterChatRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(request);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        if (CompletionHold is { } hold)
        {
            await hold;
        }
        var id = $"{request.Provider}/{request.Model}";
        if (HopBreakerOpen)
        {
            return AttemptOutcome<AdapterChatResult>.HopRefused(BreakerOpen);
        }
        return _answers.TryGetValue(id, out var answer) ? answer(request) : AttemptOutcome<AdapterChatResult>.Success(Success(request));
    }

    public Task<AttemptOutcome<IBackendStream>> OpenStreamAsync(AdapterChatRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(request);
        var id = $"{request.Provider}/{request.Model}";
        if (HopBreakerOpen)
        {
            return Task.FromResult(AttemptOutcome<IBackendStream>.HopRefused(BreakerOpen));
        }
        if (StreamHopFailures > 0)
        {
            StreamHopFailures--;
            return Task.FromResult(AttemptOutcome<IBackendStream>.HopFailed("failed to invoke, id: provider-adapters, err: connection refused"));
        }
        if (_streamOpenErrors.TryGetValue(id, out var error))
        {
            return Task.FromResult(AttemptOutcome<IBackendStream>.Failure(error with { Provider = request.Provider, Model = request.Model }));
        }
        var events = _streams.TryGetValue(id, out var script) ? script() : StreamEvents.Text(request, "Hello ", "from ", id);
        return Task.FromResult(AttemptOutcome<IBackendStream>.Success(new ListStream(events, StreamHold, StreamHoldAt)));
    }

    public static AdapterChatResult Success(AdapterChatRequest request) => new()
    {
        Completion = new ChatCompletionResponse
        {
            Id = "chatcmpl-" + request.RequestId,
            Created = 1_700_000_000,
            Model = request.Model,
            Choices = [new ChatChoice { Message = new AssistantMessage { Content = $"Hello from {request.Provider}/{request.Model}" }, FinishReason = "stop" }],
            Usage = new OpenAiUsage { PromptTokens = 10, CompletionTokens = 5, TotalTokens = 15 },
        },
        Usage = new AdapterUsageReport
        {
            Provider = request.Provider, Model = request.Model, CostMicros = 42,
            Tokens = new TokenUsage { InputTokens = 10, OutputTokens = 5 },
        },
    };

    public static AdapterError Error(AdapterChatRequest request, ErrorClass errorClass, DateTimeOffset? retryAt = null, bool perModel = false) => new()
    {
        Class = errorClass, Message = "scripted " + errorClass, Provider = request.Provider, Model = request.Model,
        ProviderStatus = 429, RetryAt = retryAt, PerModel = perModel,
    };

    private sealed class ListStream(IReadOnlyList<BackendStreamEvent> events, Task? hold, int? holdAt) : IBackendStream
    {
        private int _next;

        public async ValueTask<BackendStreamEvent?> ReadAsync(CancellationToken cancellationToken)
        {
            if (_next < events.Count && (holdAt is { } at ? _next == at : events[_next] is BackendStreamEvent.Done) && hold is not null)
            {
                await hold.WaitAsync(cancellationToken);
            }
            return _next < events.Count ? events[_next++] : null;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
