using System.Net.Http.Headers;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// The sidecar → app actor calls (dapr pkg/actors/targets/app/transport/http): always
/// <c>PUT /actors/{type}/{id}/method/{method}</c>, and <c>DELETE /actors/{type}/{id}</c> to deactivate.
/// Only 200 is success; an app answer carrying <c>X-DaprErrorResponseHeader</c> is an actor error whose
/// status, headers and body go back to the caller unchanged; anything else becomes ERR_ACTOR_INVOKE_METHOD.
/// </summary>
internal sealed class ActorAppClient(AppChannel app)
{
    public async Task<ActorCallResult> InvokeAsync(ActorCall call, string? reentrancyId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"actors/{Escape(call.Type)}/{Escape(call.Id)}/method/{EscapePath(call.Method)}")
        {
            Content = new ByteArrayContent(call.Body),
        };
        if (call.ContentType is { Length: > 0 } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            request.Content.Headers.ContentType = parsed;
        }
        foreach (var (name, value) in call.Headers)
        {
            if (!string.Equals(name, "Dapr-Reentrancy-Id", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (reentrancyId is not null)
        {
            request.Headers.TryAddWithoutValidation("Dapr-Reentrancy-Id", reentrancyId);
        }
        using var response = await app.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var result = await ActorCallResult.FromResponseAsync(response, ct);
        if (result.IsSuccess || result.HasHeader(ActorCallResult.ErrorResponseHeader))
        {
            return result;
        }
        var text = System.Text.Encoding.UTF8.GetString(result.Body);
        return ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD",
            $"error invoke actor method: error from actor service: ({result.Status}) {text}");
    }

    public async Task<bool> DeactivateAsync(string type, string id, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"actors/{Escape(type)}/{Escape(id)}");
        using var response = await app.Client.SendAsync(request, ct);
        return response.IsSuccessStatusCode;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
