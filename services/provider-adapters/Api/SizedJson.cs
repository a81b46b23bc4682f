using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>
/// A 200 JSON answer serialised whole and sent with <c>Content-Length</c>. <c>TypedResults.Ok</c> serialises into the
/// response pipe and sends the body chunked, and every hop back to the router pays for that: each sidecar relays an
/// unsized body by flushing every chunk it reads (<c>tools/local-dapr/Sidecar/Invocation/HttpRelay.cs</c>, as daprd
/// streams an unsized answer), so the answer leaves each process as a chunk and then a terminating chunk, and the
/// router parses chunked framing. The answer is complete before it is written, so its size is known; the router's
/// own requests to the sidecar are sized for the same reason (<c>services/router/Backend/SidecarJson.cs</c>).
/// Figures: docs/benchmarks-peer.md, "What moved each number".
/// </summary>
/// <remarks>
/// The bytes are the ones <c>TypedResults.Ok</c> wrote with the app's HTTP <c>JsonOptions</c> (web defaults,
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: dotnet/aspnetcore
/// <c>src/Http/Http.Extensions/src/JsonOptions.cs</c>), pinned by <c>SizedJsonTests</c>. They are not written with those
/// options, though: System.Text.Json uses a context's generated fast path only for options whose encoder is unset
/// (<c>JsonSerializerContext.IsCompatibleWithOptions</c>), and with the relaxed encoder it walks the metadata instead:
/// 6.6 % of the native service's CPU samples under load against 3.8 % (docs/benchmarks-peer.md, "Session 12:
/// provider-adapters' CPU per request").
/// <see cref="AnswerJsonContext"/> has the web defaults and no encoder, and the relaxed escaping is this writer's: the
/// serialiser escapes property and string values through the writer it is given, and the property names are ASCII,
/// escaped alike by every encoder.
/// </remarks>
internal static class SizedJson
{
    private const string ContentType = "application/json; charset=utf-8";

    /// <summary>What <c>JsonSerializerOptions.GetWriterOptions</c> gives the HTTP options: their encoder, no validation.</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <param name="typeInfo">The answer's <see cref="AnswerJsonContext"/> metadata.</param>
    public static FileContentHttpResult Ok<T>(T value, JsonTypeInfo<T> typeInfo) =>
        TypedResults.Bytes(Serialize(value, typeInfo), ContentType);

    /// <summary>The answer's bytes (internal for the tests that compare them with the HTTP options' bytes).</summary>
    /// <remarks>
    /// Written into this thread's buffer and writer, kept from answer to answer as System.Text.Json keeps its own
    /// (dotnet/runtime <c>System.Text.Json/src/System/Text/Json/Writer/Utf8JsonWriterCache.cs</c>), then copied out at its
    /// exact size; a buffer that grew past <see cref="KeptCapacity"/> (a large embedding answer) is not kept.
    /// </remarks>
    internal static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(InitialCapacity);
        var writer = t_writer ?? new Utf8JsonWriter(buffer, WriterOptions);
        (t_buffer, t_writer) = (null, null); // taken: a nested call (none today) would get its own
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity <= KeptCapacity)
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                (t_buffer, t_writer) = (buffer, writer);
            }
        }
    }

    private const int InitialCapacity = 4096;
    private const int KeptCapacity = 64 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
}
