using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Hosting;

/// <summary>
/// Calls a scope's <c>QuotaActor</c> without Dapr.Actors remoting: <c>PUT v1.0/actors/QuotaActor/{id}/method/{name}</c>
/// on the sidecar, the one argument as the JSON body, the result as the JSON answer. Remoting proxies load
/// System.Private.Xml and DataContractSerialization and write each call's header as binary XML, and build an
/// HttpClient per proxy (docs/benchmarks-peer.md, "Router memory, part 2"); these calls share one pooled handler
/// and source-generated JSON.
/// <para>
/// The wire is what the .NET actor host dispatches when the call carries no remoting header (dapr/dotnet-sdk
/// <c>src/Dapr.Actors.AspNetCore/ActorsEndpointRouteBuilderExtensions.cs</c> → <c>ActorManager.DispatchWithoutRemotingAsync</c>):
/// the method is found by its C# name on the actor interface, its single argument is read and its result written with
/// the host's <c>ActorRuntimeOptions.JsonSerializerOptions</c> (web defaults; our records name every property and
/// enum value), and a <c>Task</c> method answers 200 with no body. The actor id goes into the path unescaped, as
/// remoting proxies send it (<c>Constants.ActorMethodRelativeUrlFormat</c>), so every scope keeps its actor and
/// state (<see cref="QuotaActorIds"/> escapes what a path segment cannot hold).
/// </para>
/// </summary>
internal sealed class QuotaActorInvoker(HttpClient http)
{
    public Task<TResult> InvokeAsync<TArgument, TResult>(string scope, string method, TArgument argument,
        JsonTypeInfo<TArgument> argumentType, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken) =>
        SendAsync(scope, method, SidecarJson.Content(argument, argumentType), resultType, cancellationToken);

    public Task InvokeAsync<TArgument>(string scope, string method, TArgument argument, JsonTypeInfo<TArgument> argumentType,
        CancellationToken cancellationToken) =>
        SendAsync<object>(scope, method, SidecarJson.Content(argument, argumentType), resultType: null, cancellationToken);

    public Task<TResult> InvokeAsync<TResult>(string scope, string method, JsonTypeInfo<TResult> resultType,
        CancellationToken cancellationToken) =>
        SendAsync(scope, method, content: null, resultType, cancellationToken);

    private async Task<TResult> SendAsync<TResult>(string scope, string method, HttpContent? content,
        JsonTypeInfo<TResult>? resultType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put,
            $"v1.0/actors/{DaprNames.Actors.Quota}/{QuotaActorIds.For(scope).GetId()}/method/{method}") { Content = content };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await QuotaActorException.ReadAsync(response, cancellationToken);
        }
        if (resultType is null)
        {
            return default!;
        }
        return await response.Content.ReadFromJsonAsync(resultType, cancellationToken)
               ?? throw new JsonException($"QuotaActor.{method} answered null.");
    }
}

/// <summary>
/// The sidecar answered an actor call with an error. <see cref="ActorFailed"/> tells the two kinds apart: the actor
/// itself failed (quota is up: the .NET actor host lets a method's exception become the app's 500, which daprd reports
/// as <c>ERR_ACTOR_INVOKE_METHOD</c>, message <c>error invoke actor method: error from actor service: (500) …</c>: dapr
/// <c>pkg/actors/targets/app/transport/http/http.go</c>, <c>pkg/messages/predefined.go</c>), or the call never reached
/// the actor (quota down, placement, the sidecar's own failure). Remoting proxies told the same apart by their error
/// header (<c>ActorMethodInvocationException</c>).
/// </summary>
internal sealed class QuotaActorException(int status, string? errorCode, string message)
    : Exception($"QuotaActor call failed: {status} {errorCode} {message}")
{
    private const string FromActorService = "error from actor service: (500)";

    public int Status { get; } = status;
    public string? ErrorCode { get; } = errorCode;

    /// <summary>True when quota's actor answered (with a failure): the quota service is up.</summary>
    public bool ActorFailed { get; } = message.Contains(FromActorService, StringComparison.Ordinal);

    public static async Task<QuotaActorException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonSerializer.Deserialize(text, SidecarErrorJsonContext.Default.SidecarErrorBody);
            return new QuotaActorException((int)response.StatusCode, error?.ErrorCode, error?.Message ?? text);
        }
        catch (JsonException)
        {
            return new QuotaActorException((int)response.StatusCode, null, text);
        }
    }
}

/// <summary>The actor's arguments and results, as the actor host reads and writes them (JSON web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseGrant))]
[JsonSerializable(typeof(LeaseSettlement))]
[JsonSerializable(typeof(QuotaLimits))]
[JsonSerializable(typeof(BenchRequest))]
[JsonSerializable(typeof(QuotaStatus))]
internal sealed partial class QuotaActorJsonContext : JsonSerializerContext;
