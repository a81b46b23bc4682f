using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>Recursive-descent parser for <see cref="EventFilter"/>: builds one delegate over the CloudEvent.</summary>
internal sealed class EventFilterParser(List<string> tokens, string text)
{
    private int _position;

    private string? Peek => _position < tokens.Count ? tokens[_position] : null;

    public Func<JsonElement, object?> ParseAll()
    {
        var expression = ParseOr();
        return Peek is null ? expression : throw Error($"unexpected '{Peek}'");
    }

    private Func<JsonElement, object?> ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
        {
            var (a, b) = (left, ParseAnd());
            left = e => a(e) is true || b(e) is true;
        }
        return left;
    }

    private Func<JsonElement, object?> ParseAnd()
    {
        var left = ParseUnary();
        while (Accept("&&"))
        {
            var (a, b) = (left, ParseUnary());
            left = e => a(e) is true && b(e) is true;
        }
        return left;
    }

    private Func<JsonElement, object?> ParseUnary()
    {
        if (Accept("!"))
        {
            var operand = ParseUnary();
            return e => operand(e) is not true;
        }
        var left = ParsePrimary();
        if (Peek is "==" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var op = Next();
            var right = ParsePrimary();
            return e => EventFilter.Compare(op, left(e), right(e));
        }
        return left;
    }

    private Func<JsonElement, object?> ParsePrimary()
    {
        var token = Next();
        Func<JsonElement, object?> value;
        if (token == "(")
        {
            value = ParseOr();
            Expect(")");
        }
        else if (token.StartsWith('"'))
        {
            var literal = token[1..];
            value = _ => literal;
        }
        else if (token.StartsWith('#'))
        {
            var number = EventFilter.Number(token[1..]);
            value = _ => number;
        }
        else if (token is "true" or "false")
        {
            var literal = token == "true";
            value = _ => literal;
        }
        else if (token == "null")
        {
            value = _ => null;
        }
        else if (token == "has")
        {
            Expect("(");
            var path = ParsePath(Next());
            Expect(")");
            return e => path(e) is not EventFilter.Missing;
        }
        else
        {
            value = ParsePath(token);
        }
        return ParseMethods(value);
    }

    private Func<JsonElement, object?> ParsePath(string root)
    {
        if (root != "event")
        {
            throw Error($"undeclared reference to '{root}' (only 'event' is defined)");
        }
        var segments = new List<string>();
        while (Peek is "." or "[" && !(Peek == "." && IsMethodCall()))
        {
            if (Next() == ".")
            {
                segments.Add(Next());
            }
            else
            {
                var key = Next();
                segments.Add(key.StartsWith('"') ? key[1..] : throw Error("expected a string key"));
                Expect("]");
            }
        }
        return e => Walk(e, segments);
    }

    private Func<JsonElement, object?> ParseMethods(Func<JsonElement, object?> target)
    {
        while (Peek == "." && IsMethodCall())
        {
            Next();
            var name = Next();
            Expect("(");
            var argument = Peek == ")" ? null : ParseOr();
            Expect(")");
            var t = target;
            target = name switch
            {
                "startsWith" => e => t(e) is string s && argument!(e) is string a && s.StartsWith(a, StringComparison.Ordinal),
                "endsWith" => e => t(e) is string s && argument!(e) is string a && s.EndsWith(a, StringComparison.Ordinal),
                "contains" => e => t(e) is string s && argument!(e) is string a && s.Contains(a, StringComparison.Ordinal),
                "size" => e => Size(t(e)),
                _ => throw Error($"unsupported function '{name}'"),
            };
            if (name is "startsWith" or "endsWith" or "contains" && argument is null)
            {
                throw Error($"'{name}' needs one argument");
            }
        }
        return target;
    }

    private static object? Walk(JsonElement root, List<string> segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return EventFilter.Missing.Instance;
            }
        }
        return EventFilter.Value(current);
    }

    private static object? Size(object? value) => value switch
    {
        string s => (double)s.Length,
        JsonElement { ValueKind: JsonValueKind.Array } a => (double)a.GetArrayLength(),
        JsonElement { ValueKind: JsonValueKind.Object } o => (double)o.EnumerateObject().Count(),
        _ => EventFilter.Missing.Instance,
    };

    private bool IsMethodCall() =>
        _position + 2 < tokens.Count && tokens[_position + 2] == "(";

    private bool Accept(string token)
    {
        if (Peek == token)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw Error($"expected '{token}' but found '{Peek ?? "end"}'");
        }
    }

    private string Next() => _position < tokens.Count ? tokens[_position++] : throw Error("unexpected end");

    private FormatException Error(string message) => new($"{message} in routing expression '{text}'");
}
