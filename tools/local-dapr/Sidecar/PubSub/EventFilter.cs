using System.Globalization;
using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// The CEL subset that subscription routing rules use (daprd evaluates <c>match</c> with cel-go over
/// the variable <c>event</c>, the CloudEvent map): field paths (<c>event.type</c>, <c>event.data.kind</c>,
/// <c>event["x"]</c>), string / number / bool / null literals, <c>== != &lt; &lt;= &gt; &gt;=</c>,
/// <c>&amp;&amp; || !</c>, parentheses, <c>has(path)</c>, <c>.startsWith() .endsWith() .contains() .size()</c>.
/// A missing field makes a comparison false. Compiled once; syntax errors throw <see cref="FormatException"/>.
/// </summary>
internal sealed class EventFilter
{
    private readonly Func<JsonElement, object?> _eval;

    private EventFilter(string text, Func<JsonElement, object?> eval)
    {
        Text = text;
        _eval = eval;
    }

    public string Text { get; }

    public bool Matches(JsonElement cloudEvent)
    {
        try
        {
            return _eval(cloudEvent) is true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static EventFilter Parse(string text)
    {
        var parser = new EventFilterParser(EventFilterTokenizer.Tokenize(text), text);
        return new EventFilter(text, parser.ParseAll());
    }

    internal static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => element,
    };

    internal static bool Compare(string op, object? left, object? right)
    {
        if (left is Missing || right is Missing)
        {
            return false;
        }
        if (op is "==" or "!=")
        {
            var equal = Equals(left, right)
                || (left is JsonElement l && right is JsonElement r && l.GetRawText() == r.GetRawText());
            return op == "==" ? equal : !equal;
        }
        var order = (left, right) switch
        {
            (double a, double b) => a.CompareTo(b),
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => throw new InvalidOperationException($"no such overload: {Describe(left)} {op} {Describe(right)}"),
        };
        return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
    }

    private static string Describe(object? value) => value?.GetType().Name ?? "null";

    /// <summary>A field that is not there (CEL: "no such key").</summary>
    internal sealed class Missing
    {
        public static readonly Missing Instance = new();
        public override string ToString() => "missing";
    }

    internal static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
