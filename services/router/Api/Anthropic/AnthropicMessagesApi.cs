using System.Diagnostics;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Streaming;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api.Anthropic;

/// <summary>
/// Anthropic Messages: <c>POST /v1/messages</c> (streamed or not) and <c>POST /v1/messages/count_tokens</c>. The body
/// becomes the gateway's chat request and runs the same edges and pipeline as <c>/v1/chat/completions</c>; only the
/// bytes written back differ. Auth takes <c>x-api-key</c> or a bearer token (the same keys); <c>anthropic-version</c>
/// and <c>anthropic-beta</c> are accepted and not needed.
/// </summary>
internal static class AnthropicMessagesApi
{
    public static RouteGroupBuilder MapAnthropicMessages(this RouteGroupBuilder group)
    {
        group.MapPost("/v1/messages", HandleAsync)
            .WithName("CreateAnthropicMessage")
            .WithSummary("Anthropic Messages API (set stream=true for Anthropic's SSE events); routed to any provider")
            .Produces<AnthropicMessageResponse>()
            .Produces<AnthropicErrorEnvelope>(400).Produces<AnthropicErrorEnvelope>(401).Produces<AnthropicErrorEnvelope>(404)
            .Produces<AnthropicErrorEnvelope>(429).Produces<AnthropicErrorEnvelope>(AnthropicErrors.Overloaded);
        group.MapPost("/v1/messages/count_tokens", CountTokensAsync)
            .WithName("CountAnthropicMessageTokens")
            .WithSummary("Input tokens of a Messages request (o200k_base estimate, as routing counts them)")
            .Produces<AnthropicTokenCount>()
            .Produces<AnthropicErrorEnvelope>(400).Produces<AnthropicErrorEnvelope>(401);
        return group;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, CompletionResponder completions, StreamResponder streams, IOptions<RouterOptions> options, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var (request, error) = await ReadAsync(context, settings, countOnly: false);
        RoutingStrategy? strategy = null;
        if (request is not null && !CallFactory.TryParseStrategy(context.Request.Headers[CallFactory.StrategyHeader], out strategy, out error))
        {
            request = null;
        }
        if (request is null)
        {
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = RequestIds.For(context) }, time.GetElapsedTime(started));
            return ErrorWriter.ToResult(context, error!, time);
        }
        var taskType = context.Request.Headers[CallFactory.TaskTypeHeader].ToString() is { Length: > 0 } t ? t : settings.DefaultTaskType;
        var call = CallFactory.Create(context, request, taskType, settings, strategy, started);
        if (call.Stream)
        {
            return await streams.RespondAsync(context, call, new AnthropicStreamWriter(context.Response));
        }
        var result = await completions.CompleteAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, result.Decision, time.GetElapsedTime(started));
        return result switch
        {
            CompletionResult.Answered answered => JsonBytesResult.Serialized(ChatToAnthropic.Message(answered.Completion), DialectJsonContext.Default.AnthropicMessageResponse),
            CompletionResult.Failed failed => ErrorWriter.ToResult(context, failed.Error, time),
            _ => throw new UnreachableException(),
        };
    }

    private static async Task<IResult> CountTokensAsync(HttpContext context, TokenCounter counter, IOptions<RouterOptions> options, TimeProvider time)
    {
        var (request, error) = await ReadAsync(context, options.Value, countOnly: true);
        RequestIds.For(context);
        return request is null
            ? ErrorWriter.ToResult(context, error!, time)
            : TypedResults.Json(new AnthropicTokenCount(counter.CountPrompt(request)), DialectJsonContext.Default.AnthropicTokenCount);
    }

    private static async Task<(ChatCompletionRequest? Request, GatewayError? Error)> ReadAsync(HttpContext context, RouterOptions settings, bool countOnly)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(context.Request, DialectJsonContext.Default.AnthropicRequest, settings.MaxRequestBytes, context.RequestAborted);
        return body is null ? (null, bodyError) : AnthropicToChat.Translate(body, countOnly);
    }
}
