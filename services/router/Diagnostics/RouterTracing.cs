using System.Diagnostics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Diagnostics;

/// <summary>
/// The router's own spans (ActivitySource <c>Dapr.AiProvider.Router</c>, exported when ServiceDefaults sets up
/// tracing): the routing decision, the cache lookup, the budget check and each attempt, as children of the
/// ASP.NET Core request span. Attribute names follow OpenTelemetry's GenAI semantic conventions
/// (<c>gen_ai.*</c>, https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/, checked 2026-12-06);
/// gateway-specific ones are <c>aiprovider.*</c>. Never a prompt, a completion or a key. Every method accepts a
/// null activity: without a listener nothing is created and nothing costs.
/// </summary>
internal static class RouterTracing
{
    public const string SourceName = RouterMetrics.MeterName;

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Whether anyone listens (OpenTelemetry configured): spans whose tags cost allocations are started only then.</summary>
    public static bool Enabled => Source.HasListeners();

    /// <summary>Span around choosing candidates; end it with <see cref="RouteChosen"/>.</summary>
    public static Activity? StartRouting(string requestedModel, string taskType, string strategy)
    {
        var activity = Source.StartActivity("route");
        activity?.SetTag("gen_ai.operation.name", "chat");
        activity?.SetTag("gen_ai.request.model", requestedModel);
        activity?.SetTag("aiprovider.task_type", taskType);
        activity?.SetTag("aiprovider.route.strategy", strategy);
        return activity;
    }

    /// <param name="candidates">Candidate ids (<c>provider/model</c>) in the order they will be tried.</param>
    public static void RouteChosen(Activity? activity, IReadOnlyList<string> candidates, string? chosen, string reason)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag("aiprovider.route.candidates", candidates.ToArray());
        activity.SetTag("aiprovider.route.candidate_count", candidates.Count);
        activity.SetTag("aiprovider.route.chosen", chosen);
        activity.SetTag("aiprovider.route.reason", reason);
        if (chosen is null)
        {
            activity.SetStatus(ActivityStatusCode.Error, "no candidate");
        }
    }

    public static Activity? StartCacheLookup() => Source.StartActivity("cache lookup");

    /// <param name="result"><c>hit</c>, <c>miss</c>, <c>bypass</c> or <c>coalesced</c>.</param>
    public static void CacheResult(Activity? activity, string result) => activity?.SetTag("aiprovider.cache.result", result);

    /// <param name="scopes">The quota scopes checked (e.g. <c>team:qa</c>, <c>key:k_…</c>, <c>global</c>).</param>
    public static Activity? StartBudgetCheck(IReadOnlyList<string> scopes)
    {
        var activity = Source.StartActivity("budget check");
        activity?.SetTag("aiprovider.budget.scopes", scopes.ToArray());
        return activity;
    }

    /// <param name="outcome"><c>granted</c>, <c>exhausted</c> or <c>unavailable</c>.</param>
    public static void BudgetResult(Activity? activity, string outcome, double? remainingUsd)
    {
        activity?.SetTag("aiprovider.budget.outcome", outcome);
        activity?.SetTag("aiprovider.budget.remaining_usd", remainingUsd);
        if (outcome == "exhausted")
        {
            activity?.SetStatus(ActivityStatusCode.Error, "budget exhausted");
        }
    }

    /// <summary>One attempt against one candidate (numbered from 1); the adapters' call is its child.</summary>
    public static Activity? StartAttempt(int number, string provider, string model, bool stream)
    {
        if (!Enabled)
        {
            return null; // before the name is built: without a listener it cost a string per attempt
        }
        var activity = Source.StartActivity("chat " + model, ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "chat");
        activity?.SetTag("gen_ai.provider.name", provider);
        activity?.SetTag("gen_ai.request.model", model);
        activity?.SetTag("aiprovider.attempt", number);
        activity?.SetTag("aiprovider.stream", stream);
        return activity;
    }

    public static void AttemptSucceeded(Activity? activity, string? responseModel, int inputTokens, int outputTokens, double? costUsd)
    {
        activity?.SetTag("gen_ai.response.model", responseModel);
        activity?.SetTag("gen_ai.usage.input_tokens", inputTokens);
        activity?.SetTag("gen_ai.usage.output_tokens", outputTokens);
        activity?.SetTag("aiprovider.cost_usd", costUsd);
    }

    public static void AttemptFailed(Activity? activity, ErrorClass errorClass, bool failingOver)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag("error.type", ErrorClassNames.Of(errorClass));
        activity.SetTag("aiprovider.failover", failingOver);
        activity.SetStatus(ActivityStatusCode.Error, ErrorClassNames.Of(errorClass));
    }
}
