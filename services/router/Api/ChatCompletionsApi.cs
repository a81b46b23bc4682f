using System.Diagnostics;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Options;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Streaming;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api;

/// <summary>OpenAI-compatible <c>POST /v1/chat/completions</c>, streaming and not.</summary>
internal static class ChatCompletionsApi
{
    public static RouteGroupBuilder MapChatCompletions(this RouteGroupBuilder group)
    {
        group.MapPost("/v1/chat/completions", HandleAsync)
            .WithName("CreateChatCompletion")
            .WithSummary("OpenAI-compatible chat completion (set stream=true for SSE)")
            .Produces<ChatCompletionResponse>()
            .Produces<OpenAiErrorEnvelope>(400).Produces<OpenAiErrorEnvelope>(401).Produces<OpenAiErrorEnvelope>(404)
            .Produces<OpenAiErrorEnvelope>(422).Produces<OpenAiErrorEnvelope>(429).Produces<OpenAiErrorEnvelope>(503);
        return group;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, ChatPipeline pipeline, StreamStarter starter, StreamRelay relay, IOptions<RouterOptions> options, TimeProvider time)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        var aborted = context.RequestAborted;
        var (request, bodyError) = await JsonBody.ReadAsync(context.Request, RouterJsonContext.Default.ChatCompletionRequest, settings.MaxRequestBytes, aborted);
        var requestId = RequestIds.For(context);
        if (request is null)
        {
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = requestId }, started);
            return ErrorWriter.ToResult(context, bodyError!, time);
        }
        if (!CallFactory.TryParseStrategy(context.Request.Headers[CallFactory.StrategyHeader], out var strategy, out var strategyError))
        {
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = requestId }, started);
            return ErrorWriter.ToResult(context, strategyError, time);
        }
        var taskType = context.Request.Headers[CallFactory.TaskTypeHeader].ToString() is { Length: > 0 } t ? t : settings.DefaultTaskType;
        var call = CallFactory.Create(context, request, taskType, strategy, started);
        return call.Stream
            ? await StreamAsync(context, call, starter, relay, time)
            : await CompleteAsync(context, call, pipeline, time);
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, ChatCall call, ChatPipeline pipeline, TimeProvider time)
    {
        var outcome = await pipeline.CompleteAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, outcome.Decision, call.StartedTimestamp);
        return outcome.Completion is { } completion
            ? TypedResults.Json(completion, RouterJsonContext.Default.ChatCompletionResponse)
            : ErrorWriter.ToResult(context, outcome.Error!, time);
    }

    internal static async Task<IResult> StreamAsync(HttpContext context, ChatCall call, StreamStarter starter, StreamRelay relay, TimeProvider time)
    {
        var start = await starter.StartAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, start.Decision, call.StartedTimestamp, costEstimated: start.Live is not null);
        if (start.Error is { } error)
        {
            return ErrorWriter.ToResult(context, error, time);
        }
        if (start.Cached is not null)
        {
            await relay.ReplayCachedAsync(context, call, start, context.RequestAborted);
        }
        else
        {
            await relay.RelayAsync(context, call, start, context.RequestAborted);
        }
        return Results.Empty;
    }
}
