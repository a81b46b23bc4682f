using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>
/// provider-adapters' embedding method in memory: vector i of a call is <c>[i + 1, length of input i, dims or 3 …]</c>,
/// 3 tokens per input at the candidate's catalog price; models told to fail answer with that error class.
/// </summary>
internal sealed class FakeEmbeddingBackend : IEmbeddingBackend
{
    private readonly ConcurrentDictionary<string, ErrorClass> _failures = new(StringComparer.Ordinal);

    public ConcurrentQueue<AdapterEmbeddingRequest> Calls { get; } = new();

    /// <summary>Cost per call in micro-dollars by model id (unset: 0).</summary>
    public ConcurrentDictionary<string, long> CostMicros { get; } = new(StringComparer.Ordinal);

    public void Fail(string modelId, ErrorClass errorClass) => _failures[modelId] = errorClass;

    public Task<AttemptOutcome<AdapterEmbeddingResult>> EmbedAsync(AdapterEmbeddingRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(request);
        var id = $"{request.Provider}/{request.Model}";
        if (_failures.TryGetValue(id, out var failure))
        {
            return Task.FromResult(AttemptOutcome<AdapterEmbeddingResult>.Failure(new AdapterError
            {
                Class = failure, Message = "simulated " + failure, Provider = request.Provider, Model = request.Model, ProviderStatus = 429,
                RetryAt = DateTimeOffset.UtcNow.AddMinutes(1),
            }));
        }
        var vectors = request.Inputs.Select((input, i) => Enumerable.Range(0, request.Dimensions ?? 3)
            .Select(d => d switch { 0 => i + 1f, 1 => input.Length, _ => 0.5f }).ToArray()).ToList();
        return Task.FromResult(AttemptOutcome<AdapterEmbeddingResult>.Success(new AdapterEmbeddingResult
        {
            Vectors = vectors,
            Usage = new AdapterUsageReport
            {
                Provider = request.Provider, Model = request.Model, Tokens = new TokenUsage { InputTokens = 3 * request.Inputs.Count },
                CostMicros = CostMicros.GetValueOrDefault(id), PriceTableVersion = "test",
            },
        }));
    }
}
