using System.Net.Http.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>
/// Invokes <see cref="AdapterRoutes.Embeddings"/> on provider-adapters through the local sidecar. Failures are read
/// exactly as for chat (<see cref="DaprCompletionBackend.ReadFailureAsync{T}"/>): a classified 424, daprd's own hop
/// error, or a transport failure.
/// </summary>
internal sealed class DaprEmbeddingBackend(HttpClient http) : IEmbeddingBackend
{
    public async Task<AttemptOutcome<AdapterEmbeddingResult>> EmbedAsync(AdapterEmbeddingRequest request, CancellationToken cancellationToken)
    {
        // The failure readers name the provider and model of a chat request; only those two fields are read.
        var target = new AdapterChatRequest { RequestId = request.RequestId, Provider = request.Provider, Model = request.Model };
        try
        {
            using var content = SidecarJson.Content(request, ContractsJsonContext.Default.AdapterEmbeddingRequest);
            using var response = await http.PostAsync(AdapterRoutes.Embeddings, content, cancellationToken);
            if (!DaprCompletionBackend.Answered(response))
            {
                return await DaprCompletionBackend.ReadFailureAsync<AdapterEmbeddingResult>(target, response, cancellationToken);
            }
            var result = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.AdapterEmbeddingResult, cancellationToken);
            return result is null
                ? AttemptOutcome<AdapterEmbeddingResult>.Failure(DaprCompletionBackend.Transport(target, ErrorClass.UpstreamError, "provider-adapters returned an empty body."))
                : AttemptOutcome<AdapterEmbeddingResult>.Success(result);
        }
        catch (Exception ex) when (DaprCompletionBackend.IsTransportFailure(ex, cancellationToken))
        {
            return DaprCompletionBackend.Classify<AdapterEmbeddingResult>(target, ex);
        }
    }
}
