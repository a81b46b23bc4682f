using System.Buffers;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Writes a whole JSON body built with a <see cref="Utf8JsonWriter"/> (no reflection, one buffer).</summary>
internal static class JsonReply
{
    public static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> build, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            build(writer);
        }
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, ct);
    }
}
