using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using System.Diagnostics;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Streaming;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api;

/// <summary>The task API, <c>POST /ai/process</c>: a task type and a prompt in, content with provider, tokens and cost out.</summary>
internal static class TaskApi
{
    public static RouteGroupBuilder MapTaskApi(this RouteGroupBuilder group)
    {
        group.MapPost("/ai/process", HandleAsync)
            .WithName("ProcessTask")
            .WithSummary("Run one LLM task; the gateway picks the provider")
            .Produces<TaskResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503);
        return group;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, CompletionResponder completions, StreamResponder streams, IOptions<RouterOptions> options, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var (task, bodyError) = await JsonBody.ReadAsync(context.Request, RouterJsonContext.Default.TaskRequest, settings.MaxRequestBytes, context.RequestAborted);
        var requestId = RequestIds.For(context);
        var error = bodyError;
        ChatCompletionRequest? request = null;
        RoutingStrategy? strategy = null;
        if (task is not null && !CallFactory.TryParseStrategy(task.Preference, out strategy, out error))
        {
            task = null;
        }
        if (task is not null)
        {
            (request, error) = ToChatRequest(task);
        }
        if (request is null)
        {
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = requestId }, time.GetElapsedTime(started));
            return ErrorWriter.ToResult(context, error!, time);
        }
        var taskType = string.IsNullOrWhiteSpace(task!.TaskType) ? settings.DefaultTaskType : task.TaskType.Trim();
        var call = CallFactory.Create(context, request, taskType, settings, strategy, started);
        if (call.Stream)
        {
            return await streams.RespondAsync(context, call);
        }
        var result = await completions.CompleteAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, result.Decision, time.GetElapsedTime(started));
        return result switch
        {
            CompletionResult.Answered answered => JsonBytesResult.Serialized(ToTaskResponse(answered, time.GetElapsedTime(started)), RouterJsonContext.Default.TaskResponse),
            CompletionResult.Failed failed => ErrorWriter.ToResult(context, failed.Error, time),
            _ => throw new UnreachableException(),
        };
    }

    private static TaskResponse ToTaskResponse(CompletionResult.Answered answered, TimeSpan elapsed)
    {
        var (decision, completion) = (answered.Decision, answered.Completion);
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        return new TaskResponse
        {
            Content = choice?.Message.Content ?? choice?.Message.ToolCalls?.GetRawText() ?? "",
            Provider = decision.Provider ?? "",
            Model = decision.Model ?? "",
            Tokens = TaskTokens.From(decision.Tokens),
            CostUsd = (decision.CostMicros ?? 0) / 1_000_000m,
            Cached = decision.Cache == CacheStatus.Hit,
            LatencyMs = Math.Round(elapsed.TotalMilliseconds, 3),
            RequestId = decision.RequestId,
            FinishReason = choice?.FinishReason,
            Attempts = decision.Attempts,
        };
    }

    private static (ChatCompletionRequest? Request, GatewayError? Error) ToChatRequest(TaskRequest task)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(task.System))
        {
            messages.Add(ChatMessage.FromText("system", task.System));
        }
        if (task.Messages is { Count: > 0 } given)
        {
            messages.AddRange(given);
        }
        if (!string.IsNullOrWhiteSpace(task.Prompt))
        {
            messages.Add(ChatMessage.FromText("user", task.Prompt));
        }
        if (messages.Count == 0 || messages.TrueForAll(m => m.Role is "system" or "developer"))
        {
            return (null, GatewayError.Unprocessable("Send 'prompt' or a non-empty 'messages' array.", "prompt"));
        }
        return (new ChatCompletionRequest
        {
            Model = task.Model,
            Messages = messages,
            MaxTokens = task.MaxTokens,
            Temperature = task.Temperature,
            Stream = task.Stream,
        }, null);
    }
}
