using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.State;

/// <summary>
/// daprd's HTTP state API on <c>statestore</c>, with source-generated JSON: the router's state calls without
/// Dapr.Client, whose generic reflection-based JSON is not trim- or AOT-safe (the router is published as Native AOT;
/// docs/benchmarks-peer.md, "Router as Native AOT"). The wire is daprd's (dapr/dapr <c>pkg/api/http/http.go</c>:
/// <c>onGetState</c>, <c>onBulkGetState</c>, <c>onPostState</c>; errors in <c>pkg/messages/predefined.go</c>):
/// <list type="bullet">
/// <item><c>GET v1.0/state/{store}/{key}?consistency=strong</c>: 200 with the stored JSON and an <c>ETag</c> header,
/// 204 when the key is absent.</item>
/// <item><c>POST v1.0/state/{store}/bulk</c> <c>{"keys":[…],"parallelism":4}</c>: <c>[{"key","data","etag"}]</c>,
/// no <c>data</c> for an absent key.</item>
/// <item><c>POST v1.0/state/{store}</c> <c>[{"key","value","etag","options":{"concurrency","consistency"},"metadata"}]</c>:
/// 204; an ETag mismatch is <b>409</b> (<c>ERR_STATE_SAVE</c>), which a first-write save reports as "not saved"
/// — the HTTP twin of the gRPC <c>Aborted</c> that <c>DaprClient.TrySaveStateAsync</c> turned into <c>false</c>.</item>
/// </list>
/// The values are the JSON Dapr.Client wrote (web defaults, nulls written), so records written before and after
/// read the same.
/// </summary>
internal sealed class SidecarState(HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>A strong read: the value (default when absent) and its ETag (null when absent).</summary>
    public async Task<(T? Value, string? ETag)> GetAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await GetAsync(key, type, strong: true, cancellationToken);

    /// <summary>An eventual read (the store's default consistency): the value, default when absent.</summary>
    public async Task<T?> GetEventualAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        (await GetAsync(key, type, strong: false, cancellationToken)).Value;

    private async Task<(T? Value, string? ETag)> GetAsync<T>(string key, JsonTypeInfo<T> type, bool strong, CancellationToken cancellationToken)
    {
        var path = $"v1.0/state/{DaprNames.StateStore}/{Uri.EscapeDataString(key)}" + (strong ? "?consistency=strong" : "");
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, "get", key, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return (default, null);
        }
        // daprd writes the version bare (ETag: 3), not as a quoted entity tag, so it is read as text.
        var etag = response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault() : null;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var value = body.Length == 0 ? default : JsonSerializer.Deserialize(body, type);
        return (value, string.IsNullOrEmpty(etag) ? null : etag);
    }

    /// <summary>Several keys at once (strong reads are not offered by the bulk API, as with Dapr.Client's bulk get).</summary>
    public async Task<IReadOnlyList<BulkStateEntry>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        using var content = Content(new BulkStateRequest { Keys = keys, Parallelism = 4 }, SidecarStateJsonContext.Default.BulkStateRequest);
        using var response = await http.PostAsync($"v1.0/state/{DaprNames.StateStore}/bulk", content, cancellationToken);
        await EnsureSuccessAsync(response, "bulk get", string.Join(',', keys), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonSerializer.Deserialize(body, SidecarStateJsonContext.Default.BulkStateEntryArray) ?? [];
    }

    /// <summary>A first-write-wins save with <paramref name="etag"/>; false when another write came first (409).</summary>
    public async Task<bool> TrySaveAsync<T>(string key, T value, JsonTypeInfo<T> type, string etag,
        IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        using var response = await SaveAsync(key, value, type, etag, metadata, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        await EnsureSuccessAsync(response, "save", key, cancellationToken);
        return true;
    }

    /// <summary>A last-write-wins save (no ETag).</summary>
    public async Task SaveAsync<T>(string key, T value, JsonTypeInfo<T> type, IReadOnlyDictionary<string, string>? metadata,
        CancellationToken cancellationToken)
    {
        using var response = await SaveAsync(key, value, type, etag: null, metadata, cancellationToken);
        await EnsureSuccessAsync(response, "save", key, cancellationToken);
    }

    private async Task<HttpResponseMessage> SaveAsync<T>(string key, T value, JsonTypeInfo<T> type, string? etag,
        IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        // One state item, written by hand so the value goes in through its own source-generated type info.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WritePropertyName("value");
            JsonSerializer.Serialize(writer, value, type);
            if (etag is not null)
            {
                writer.WriteString("etag", etag);
                writer.WriteStartObject("options");
                writer.WriteString("concurrency", "first-write");
                writer.WriteString("consistency", "strong");
                writer.WriteEndObject();
            }
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject("metadata");
                foreach (var (name, text) in metadata)
                {
                    writer.WriteString(name, text);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = Json;
        return await http.PostAsync($"v1.0/state/{DaprNames.StateStore}", content, cancellationToken);
    }

    private static ByteArrayContent Content<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = Json;
        return content;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, string key, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new SidecarStateException($"State {operation} of '{key}' failed: {(int)response.StatusCode} {text}");
        }
    }
}

/// <summary>The sidecar refused or failed a state call (what Dapr.Client raised as <c>DaprException</c>).</summary>
internal sealed class SidecarStateException(string message) : Exception(message);
