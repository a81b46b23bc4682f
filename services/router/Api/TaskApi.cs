using System.Diagnostics;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Options;
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
        HttpContext context, ChatPipeline pipeline, StreamStarter starter, StreamRelay relay, IOptions<RouterOptions> options, TimeProvider time)
    {
        var started = Stopwatch.GetTimestamp();
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
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = requestId }, started);
            return ErrorWriter.ToResult(context, error!, time);
        }
        var taskType = string.IsNullOrWhiteSpace(task!.TaskType) ? settings.DefaultTaskType : task.TaskType.Trim();
        var call = CallFactory.Create(context, request, taskType, strategy, started);
        if (call.Stream)
        {
            return await ChatCompletionsApi.StreamAsync(context, call, starter, relay, time);
        }
        var outcome = await pipeline.CompleteAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, outcome.Decision, started);
        if (outcome.Completion is not { } completion)
        {
            return ErrorWriter.ToResult(context, outcome.Error!, time);
        }
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        return TypedResults.Json(new TaskResponse
        {
            Content = choice?.Message.Content ?? choice?.Message.ToolCalls?.GetRawText() ?? "",
            Provider = outcome.Decision.Provider ?? "",
            Model = outcome.Decision.Model ?? "",
            Tokens = TaskTokens.From(outcome.Decision.Tokens),
            CostUsd = (outcome.Decision.CostMicros ?? 0) / 1_000_000m,
            Cached = outcome.Decision.Cache == CacheStatus.Hit,
            LatencyMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3),
            RequestId = requestId,
            FinishReason = choice?.FinishReason,
            Attempts = outcome.Decision.Attempts,
        }, RouterJsonContext.Default.TaskResponse);
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
