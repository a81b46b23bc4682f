using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// What a live stream has relayed so far (text, refusals, tool-call names and arguments of every choice), so that
/// a stream that ends without the provider's usage report (the caller left, the provider broke off) is still charged
/// for what the provider produced: issue 19 item 6. See docs/accounting.md for which figure each family gets.
/// </summary>
internal sealed class RelayedOutput
{
    // Counted as it arrives, so an open stream holds a few KB, not its whole answer (issue 20).
    private readonly StreamedTokenCount _tokens = new();

    /// <summary>Characters of output seen so far.</summary>
    public long Length => _tokens.Length;

    public void Observe(ChatCompletionChunk chunk)
    {
        foreach (var choice in chunk.Choices)
        {
            _tokens.Append(choice.Delta.Content);
            if (choice.Delta.ToolCalls is { ValueKind: JsonValueKind.Array } calls)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var function)
                        && function.ValueKind == JsonValueKind.Object)
                    {
                        AppendString(function, "name");
                        AppendString(function, "arguments");
                    }
                }
            }
        }
    }

    /// <summary>
    /// The usage to settle with: the provider's own report when it arrived (exact tokens and cost), otherwise an
    /// estimate — the prompt as the router counted it, the relayed output counted with the same tokenizer, priced
    /// at the winner's catalog price (rounded up, as the route estimate is).
    /// </summary>
    public AdapterUsageReport Charge(AdapterUsageReport? providerReport, Candidate winner, int promptTokens)
    {
        if (providerReport is not null)
        {
            return providerReport;
        }
        var output = _tokens.Count();
        var price = winner.Model.Price;
        var micros = ((double)promptTokens * price.InputPerMTokMicros + (double)output * price.OutputPerMTokMicros) / 1_000_000d;
        return new AdapterUsageReport
        {
            Provider = winner.Provider,
            Model = winner.ModelName,
            Tokens = new TokenUsage { InputTokens = promptTokens, OutputTokens = output },
            CostMicros = (long)Math.Ceiling(micros),
            PriceTableVersion = EstimatePriceVersion,
        };
    }

    /// <summary>Marks a report the router estimated (the provider's reports carry the adapters' price table version).</summary>
    public const string EstimatePriceVersion = "router-estimate";

    private void AppendString(JsonElement element, string name)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            _tokens.Append(value.GetString());
        }
    }
}
