using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using System.Diagnostics;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Configuration;
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
        HttpContext context, CompletionResponder completions, StreamResponder streams, IOptions<RouterOptions> options, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var (request, bodyError) = await JsonBody.ReadAsync(context.Request, RouterJsonContext.Default.ChatCompletionRequest, settings.MaxRequestBytes, context.RequestAborted);
        var requestId = RequestIds.For(context);
        if (request is null)
        {
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = requestId }, time.GetElapsedTime(started));
            return ErrorWriter.ToResult(context, bodyError!, time);
        }
        if (!CallFactory.TryParseStrategy(context.Request.Headers[CallFactory.StrategyHeader], out var strategy, out var strategyError))
        {
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = requestId }, time.GetElapsedTime(started));
            return ErrorWriter.ToResult(context, strategyError, time);
        }
        var taskType = context.Request.Headers[CallFactory.TaskTypeHeader].ToString() is { Length: > 0 } t ? t : settings.DefaultTaskType;
        var call = CallFactory.Create(context, request, taskType, settings, strategy, started);
        if (call.Stream)
        {
            return await streams.RespondAsync(context, call);
        }
        var result = await completions.CompleteAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, result.Decision, time.GetElapsedTime(started));
        return result switch
        {
            CompletionResult.Answered { FromCache: { } hit } => new JsonBytesResult(hit.OpenAiJson()),
            CompletionResult.Answered answered => JsonBytesResult.Serialized(answered.Completion, RouterJsonContext.Default.ChatCompletionResponse),
            CompletionResult.Failed failed => ErrorWriter.ToResult(context, failed.Error, time),
            _ => throw new UnreachableException(),
        };
    }
}
