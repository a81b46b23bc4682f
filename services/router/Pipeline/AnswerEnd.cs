using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>How a served answer ended, as the edge that wrote it saw it. Closed: the three cases below.</summary>
internal abstract record AnswerEnd
{
    private AnswerEnd(AdapterUsageReport? usage) => Usage = usage;

    /// <summary>The provider's usage report with the exact cost (null when it sent none).</summary>
    public AdapterUsageReport? Usage { get; }

    /// <summary>The whole answer reached the caller. <paramref name="Completion"/> is what may be cached (null: not cacheable).</summary>
    public sealed record Complete(ChatCompletionResponse? Completion, AdapterUsageReport? Usage) : AnswerEnd(Usage);

    /// <summary>The provider failed after content had been sent; the caller got an in-band error.</summary>
    public sealed record ProviderFailed(AdapterError Error, AdapterUsageReport? Usage) : AnswerEnd(Usage);

    /// <summary>
    /// Cut on our side: the caller left (499) or the gateway failed (500). No verdict on the provider.
    /// <paramref name="Usage"/> is what the provider produced up to the cut (its report, or the router's estimate).
    /// </summary>
    public sealed record Cut(int Status, AdapterUsageReport? Usage) : AnswerEnd(Usage);

    /// <summary>The status the usage event records (the client saw 200 unless it left).</summary>
    public int RecordedStatus => this is Cut cut ? cut.Status : 200;

    /// <summary>The code of the in-band error (or of the cut), as the ledger records it.</summary>
    public string? FailureCode => this switch
    {
        ProviderFailed => "stream_interrupted",
        Cut cut => cut.Status == 499 ? "client_closed_request" : "internal_error",
        _ => null,
    };

    public ErrorClass? Failure => this switch
    {
        ProviderFailed failed => failed.Error.Class,
        Cut { Status: 499 } => null, // the caller left: no provider failed (the status and the code say what happened)
        Cut => ErrorClass.StreamInterrupted,
        _ => null,
    };
}
