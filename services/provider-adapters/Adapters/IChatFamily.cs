using System.Net.Http.Headers;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>One wire family: request translation, response and stream translation, failure signals.</summary>
internal interface IChatFamily
{
    IErrorClassifier Classifier { get; }

    HttpRequestMessage CreateRequest(UpstreamCall call, bool stream);

    ValueTask<WireCompletion> ReadCompletionAsync(Stream body, HttpResponseHeaders headers, UpstreamCall call, CancellationToken cancellationToken);

    /// <summary>A fresh, stateful translator for one stream.</summary>
    StreamTranslator CreateStreamTranslator(UpstreamCall call);

    ProviderHeadroom? ReadHeadroom(HttpResponseHeaders headers, DateTimeOffset now);
}
