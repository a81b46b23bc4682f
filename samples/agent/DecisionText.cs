using System.Globalization;
using Dapr.AiProvider.Client;

namespace Dapr.AiProvider.Samples.Agent;

/// <summary>The gateway's decision as the lines the sample prints.</summary>
internal static class DecisionText
{
    public static string Format(GatewayDecision? decision)
    {
        if (decision is null)
        {
            return "decision: none (the answer did not come from the gateway)";
        }
        var cost = decision.CostUsd.ToString("0.######", CultureInfo.InvariantCulture) + (decision.CostEstimated ? " (estimate)" : "");
        var budget = decision.BudgetRemainingUsd?.ToString("0.######", CultureInfo.InvariantCulture) ?? "unlimited";
        var fallbacks = decision.Fallbacks.Count == 0 ? "none" : string.Join(", ", decision.Fallbacks);
        return string.Join(Environment.NewLine,
            $"provider:    {decision.Provider ?? "none"}",
            $"model:       {decision.Model ?? "none"}",
            $"route:       {decision.RouteReason ?? "none"}",
            $"attempts:    {decision.Attempts} (fallbacks: {fallbacks})",
            $"cache:       {decision.Cache}",
            $"cost (USD):  {cost}, budget left: {budget}",
            $"request id:  {decision.RequestId}");
    }
}
