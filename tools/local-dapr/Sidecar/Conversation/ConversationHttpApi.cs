using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// <c>POST /v1.0-alpha1/conversation/{name}/converse</c> and <c>POST /v1.0-alpha2/conversation/{name}/converse</c>
/// (dapr <c>pkg/api/http/conversation.go</c>): daprd's UniversalHTTPHandler (<c>pkg/api/http/universal.go</c>) reads the
/// body with protojson (unknown fields discarded, proto or camelCase names), takes the name from the path, and
/// answers with protojson (camelCase, zero values left out, 64-bit counts as strings) or daprd's JSON error.
/// </summary>
internal static class ConversationHttpApi
{
    private static readonly TypeRegistry WellKnownTypes = TypeRegistry.FromFiles(
        WrappersReflection.Descriptor, StructReflection.Descriptor, DurationReflection.Descriptor, TimestampReflection.Descriptor);

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithTypeRegistry(WellKnownTypes));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(WellKnownTypes));

    public static IEndpointRouteBuilder MapConversationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1.0-alpha1/conversation/{name}/converse", c => HttpApi.RunAsync(c, Alpha1Async));
        endpoints.MapPost("/v1.0-alpha2/conversation/{name}/converse", c => HttpApi.RunAsync(c, Alpha2Async));
        return endpoints;
    }

#pragma warning disable CS0612 // alpha1 is deprecated in the proto, still served by daprd
    private static Task Alpha1Async(HttpContext context) =>
        ConverseAsync(context, (ConversationRequest r, string name) => r.Name = name,
            (ConversationService s, ConversationRequest r, CancellationToken t) => s.ConverseAlpha1Async(r, t));
#pragma warning restore CS0612

    private static Task Alpha2Async(HttpContext context) =>
        ConverseAsync(context, (ConversationRequestAlpha2 r, string name) => r.Name = name,
            (ConversationService s, ConversationRequestAlpha2 r, CancellationToken t) => s.ConverseAlpha2Async(r, t));

    private static async Task ConverseAsync<TRequest, TResponse>(HttpContext context,
        Action<TRequest, string> setName, Func<ConversationService, TRequest, CancellationToken, Task<TResponse>> converse)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        TRequest request;
        try
        {
            request = body.Length == 0 ? new TRequest() : Parser.Parse<TRequest>(body);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: " + e.Message);
        }
        setName(request, Uri.UnescapeDataString((string)context.Request.RouteValues["name"]!));
        var response = await converse(context.RequestServices.GetRequiredService<ConversationService>(), request, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Formatter.Format(response), context.RequestAborted);
    }
}
