using System.Diagnostics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Embeddings;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Pipeline;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api;

/// <summary>OpenAI-compatible <c>POST /v1/embeddings</c>: float or base64 vectors, routed over the catalog's embedding models.</summary>
internal static class EmbeddingsApi
{
    public static RouteGroupBuilder MapEmbeddings(this RouteGroupBuilder group)
    {
        group.MapPost("/v1/embeddings", HandleAsync)
            .WithName("CreateEmbedding")
            .WithSummary("OpenAI-compatible embeddings (encoding_format float or base64, dimensions)")
            .Produces(200, contentType: "application/json")
            .Produces<OpenAiErrorEnvelope>(400).Produces<OpenAiErrorEnvelope>(401).Produces<OpenAiErrorEnvelope>(404)
            .Produces<OpenAiErrorEnvelope>(422).Produces<OpenAiErrorEnvelope>(429).Produces<OpenAiErrorEnvelope>(503);
        return group;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, EmbeddingResponder responder, IOptions<RouterOptions> options, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var requestId = RequestIds.For(context);
        var (request, bodyError) = await JsonBody.ReadAsync(context.Request, ContractsJsonContext.Default.EmbeddingRequest,
            options.Value.MaxRequestBytes, context.RequestAborted);
        var (inputs, inputError) = request is null ? (null, bodyError) : EmbeddingRequestReader.Read(request);
        RoutingStrategy? strategy = null;
        if (inputs is null || !CallFactory.TryParseStrategy(context.Request.Headers[CallFactory.StrategyHeader], out strategy, out inputError))
        {
            DecisionHeaders.Apply(context.Response, new Decision { RequestId = requestId }, time.GetElapsedTime(started));
            return ErrorWriter.ToResult(context, inputError!, time);
        }
        var call = new EmbeddingCall
        {
            RequestId = requestId,
            Identity = ApiKeyFilter.IdentityOf(context),
            Model = request!.Model!.Trim(),
            Inputs = inputs,
            Dimensions = request.Dimensions,
            User = request.User,
            Strategy = strategy,
            CacheControl = context.Request.Headers.CacheControl.ToString(),
            CacheHeader = context.Request.Headers[CallFactory.CacheHeader].ToString(),
            StartedTimestamp = started,
        };
        var result = await responder.RunAsync(call, context.RequestAborted);
        DecisionHeaders.Apply(context.Response, result.Decision, time.GetElapsedTime(started));
        return result switch
        {
            EmbeddingResult.Answered answered => new EmbeddingsResponse(answered, request.EncodingFormat == "base64"),
            EmbeddingResult.Failed failed => ErrorWriter.ToResult(context, failed.Error, time),
            _ => throw new UnreachableException(),
        };
    }
}
