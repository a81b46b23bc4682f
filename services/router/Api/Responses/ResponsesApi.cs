using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Streaming;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api.Responses;

/// <summary>
/// OpenAI Responses, stateless: <c>POST /v1/responses</c>, streamed or not. The body becomes the gateway's chat request
/// and runs the same edges and pipeline as <c>/v1/chat/completions</c>; the answer is written as a <c>response</c>
/// object or the Responses event stream. Errors are OpenAI's (the path is under <c>/v1</c>).
/// </summary>
internal static class ResponsesApi
{
    public static RouteGroupBuilder MapResponses(this RouteGroupBuilder group)
    {
        group.MapPost("/v1/responses", HandleAsync)
            .WithName("CreateResponse")
            .WithSummary("OpenAI Responses API, stateless (set stream=true for its SSE events); routed to any provider")
            .Produces(200, contentType: "application/json")
            .Produces<OpenAiErrorEnvelope>(400).Produces<OpenAiErrorEnvelope>(401).Produces<OpenAiErrorEnvelope>(404)
            .Produces<OpenAiErrorEnvelope>(422).Produces<OpenAiErrorEnvelope>(429).Produces<OpenAiErrorEnvelope>(503);
        return group;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, CompletionResponder completions, StreamResponder streams, IOptions<RouterOptions> options, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var (body, error) = await JsonBody.ReadAsync(context.Request, DialectJsonContext.Default.ResponsesRequest, settings.MaxRequestBytes, context.RequestAborted);
        var (request, translateError) = body is null ? (null, null) : ResponsesToChat.Translate(body);
        error ??= translateError;
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
            return await streams.RespondAsync(context, call, new ResponsesStreamWriter(context.Response, body!));
        }
        var result = await completions.CompleteAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, result.Decision, time.GetElapsedTime(started));
        return result switch
        {
            CompletionResult.Answered answered => TypedResults.Bytes(Json(ResponseState.FromCompletion(body!, answered.Completion)), "application/json"),
            CompletionResult.Failed failed => ErrorWriter.ToResult(context, failed.Error, time),
            _ => throw new UnreachableException(),
        };
    }

    private static byte[] Json(ResponseState state)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            state.Write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
