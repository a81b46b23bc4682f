using Google.Protobuf;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>One span as a collector receives it (ids in lower-case hex, string attributes only; the trace ids its links point to).</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> LinkedTraceIds);

/// <summary>
/// A tiny OTLP/HTTP collector (<c>POST /v1/traces</c>, protobuf): what the services' OTLP exporters send with
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>. The messages are read field by field with Google.Protobuf's
/// <see cref="CodedInputStream"/>; field numbers from opentelemetry-proto
/// <c>opentelemetry/proto/collector/trace/v1/trace_service.proto</c>, <c>trace/v1/trace.proto</c>,
/// <c>common/v1/common.proto</c>, <c>resource/v1/resource.proto</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    // An empty Export*ServiceResponse (status 200, no body): full success.
    private readonly HttpReceiver<ReceivedSpan> _http = new("/", 200, "application/x-protobuf",
        (request, body) => request.Url?.AbsolutePath == "/v1/traces" ? ReadExportRequest(body) : []);

    public int Port => _http.Port;
    public string Endpoint => $"http://127.0.0.1:{Port}";
    public IReadOnlyCollection<ReceivedSpan> Spans => _http.Received;

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private static IEnumerable<ReceivedSpan> ReadExportRequest(byte[] message)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Fields(message, 1)) // ExportTraceServiceRequest.resource_spans
        {
            var service = "";
            foreach (var resource in Fields(resourceSpans, 1)) // ResourceSpans.resource
            {
                service = Attributes(resource, 1).GetValueOrDefault("service.name", ""); // Resource.attributes
            }
            foreach (var scopeSpans in Fields(resourceSpans, 2)) // ResourceSpans.scope_spans
            {
                foreach (var span in Fields(scopeSpans, 2)) // ScopeSpans.spans
                {
                    spans.Add(ReadSpan(service, span));
                }
            }
        }
        return spans;
    }

    private static ReceivedSpan ReadSpan(string service, byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var links = new List<string>();
        var input = new CodedInputStream(span);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 4: parent = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 5: name = input.ReadString(); break;
                case 13: links.Add(LinkTraceId(input.ReadBytes().ToByteArray())); break; // Span.links
                default: input.SkipLastField(); break;
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, Attributes(span, 9), links); // Span.attributes
    }

    /// <summary>Span.Link{trace_id = 1}.</summary>
    private static string LinkTraceId(byte[] link)
    {
        var input = new CodedInputStream(link);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                return Convert.ToHexStringLower(input.ReadBytes().Span);
            }
            input.SkipLastField();
        }
        return "";
    }

    /// <summary>KeyValue{key = 1, value = AnyValue{string_value = 1, bool_value = 2, int_value = 3}} of field <paramref name="field"/>.</summary>
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in Fields(message, field))
        {
            var key = "";
            var value = "";
            var input = new CodedInputStream(keyValue);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == 1)
                {
                    key = input.ReadString();
                }
                else if (WireFormat.GetTagFieldNumber(tag) == 2)
                {
                    value = AnyValue(input.ReadBytes().ToByteArray());
                }
                else
                {
                    input.SkipLastField();
                }
            }
            attributes[key] = value;
        }
        return attributes;
    }

    private static string AnyValue(byte[] message)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: return input.ReadString();
                case 2: return input.ReadBool() ? "true" : "false";
                case 3: return input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                default: input.SkipLastField(); break;
            }
        }
        return "";
    }

    /// <summary>The embedded messages of one repeated (or single) message field.</summary>
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }
        return found;
    }
}
