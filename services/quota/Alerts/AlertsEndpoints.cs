using System.Text.Json;
using Dapr;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Alerts;

/// <summary>
/// The consumer of topic <c>quota-alerts</c> (pushes each alert to the webhook, when one is configured) and the
/// list of raised alerts behind the router's <c>GET /admin/alerts</c>.
/// </summary>
internal static class AlertsEndpoints
{
    public const string TopicRoute = "/quota-alerts";

    public static IServiceCollection AddQuotaAlerts(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<AlertWebhookOptions>().BindConfiguration(AlertWebhookOptions.Section);
        services.AddSingleton<IValidateOptions<AlertWebhookOptions>, AlertWebhookOptionsValidator>();
        services.AddHttpClient(AlertWebhook.ClientName);
        services.AddSingleton<AlertWebhook>();
        services.AddSingleton<AlertHistory>();
        return services;
    }

    public static IEndpointRouteBuilder MapQuotaAlerts(this IEndpointRouteBuilder app)
    {
        app.MapPost(TopicRoute, ConsumeAsync)
            .WithTopic(DaprNames.PubSub, DaprNames.Topics.QuotaAlerts)
            .ExcludeFromDescription();
        app.MapGet("/quota/alerts", ListAsync);
        return app;
    }

    /// <summary>SUCCESS once delivered (or with no webhook), RETRY when the webhook kept failing, DROP for a malformed event.</summary>
    private static async Task<JsonHttpResult<TopicStatus>> ConsumeAsync(HttpRequest request, AlertWebhook webhook, CancellationToken cancellationToken)
    {
        QuotaAlertRaised? alert;
        try
        {
            alert = await ReadAsync(request, cancellationToken);
        }
        catch (JsonException)
        {
            alert = null;
        }
        if (alert is null)
        {
            return TypedResults.Json(TopicStatus.Drop, QuotaJsonContext.Default.TopicStatus);
        }
        var delivered = await webhook.DeliverAsync(alert, cancellationToken);
        return TypedResults.Json(delivered ? TopicStatus.Success : TopicStatus.Retry, QuotaJsonContext.Default.TopicStatus);
    }

    private static async Task<Results<Ok<AlertList>, ProblemHttpResult>> ListAsync(AlertHistory history, string? scope, int? limit,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > AlertHistory.MaxLimit)
        {
            return TypedResults.Problem($"limit must be between 1 and {AlertHistory.MaxLimit}.", statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Ok(await history.ListAsync(string.IsNullOrEmpty(scope) ? null : scope, limit ?? 100, cancellationToken));
    }

    /// <summary>The CloudEvent's <c>data</c> (what the sidecar delivers), or the whole body for a raw payload.</summary>
    private static async Task<QuotaAlertRaised?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        var root = document.RootElement;
        var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var inner) ? inner : root;
        var alert = data.ValueKind == JsonValueKind.Object ? data.Deserialize(QuotaJsonContext.Default.QuotaAlertRaised) : null;
        return alert is { Scope.Length: > 0 } ? alert : null;
    }
}
