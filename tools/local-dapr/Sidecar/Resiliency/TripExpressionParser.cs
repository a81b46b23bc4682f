using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>Tokenizer and recursive-descent parser for <see cref="TripExpression"/>: or → and → unary → comparison.</summary>
internal sealed class TripExpressionParser(List<string> tokens)
{
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var op = two is ">=" or "<=" or "==" or "!=" or "&&" or "||" ? two : c.ToString();
                if (op is not (">=" or "<=" or "==" or "!=" or "&&" or "||" or ">" or "<" or "!" or "(" or ")"))
                {
                    throw new FormatException($"unexpected character '{c}' in trip expression '{text}'");
                }

                tokens.Add(op);
                i += op.Length;
            }
        }

        return tokens;
    }

    private int _pos;

    public bool AtEnd => _pos >= tokens.Count;

    public string Peek => AtEnd ? "<end>" : tokens[_pos];

    public Func<BreakerCounts, bool> ParseOr()
    {
        var left = ParseAnd();
        while (Peek == "||")
        {
            _pos++;
            var l = left;
            var r = ParseAnd();
            left = c => l(c) || r(c);
        }

        return left;
    }

    private Func<BreakerCounts, bool> ParseAnd()
    {
        var left = ParseUnary();
        while (Peek == "&&")
        {
            _pos++;
            var l = left;
            var r = ParseUnary();
            left = c => l(c) && r(c);
        }

        return left;
    }

    private Func<BreakerCounts, bool> ParseUnary()
    {
        switch (Peek)
        {
            case "!":
                _pos++;
                var inner = ParseUnary();
                return c => !inner(c);
            case "(":
                _pos++;
                var grouped = ParseOr();
                Expect(")");
                return grouped;
            case "true":
                _pos++;
                return _ => true;
            case "false":
                _pos++;
                return _ => false;
            default:
                return ParseComparison();
        }
    }

    private Func<BreakerCounts, bool> ParseComparison()
    {
        var left = ParseOperand();
        var op = Peek;
        _pos++;
        var right = ParseOperand();
        return op switch
        {
            ">" => c => left(c) > right(c),
            ">=" => c => left(c) >= right(c),
            "<" => c => left(c) < right(c),
            "<=" => c => left(c) <= right(c),
            "==" => c => left(c) == right(c),
            "!=" => c => left(c) != right(c),
            _ => throw new FormatException($"expected a comparison operator, found '{op}'"),
        };
    }

    private Func<BreakerCounts, long> ParseOperand()
    {
        var token = Peek;
        _pos++;
        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return _ => number;
        }

        if (BreakerCounts.IsCounter(token))
        {
            return c => c.Get(token);
        }

        throw new FormatException(
            $"unknown name '{token}' (use requests, totalSuccesses, totalFailures, consecutiveSuccesses, consecutiveFailures)");
    }

    private void Expect(string token)
    {
        if (Peek != token)
        {
            throw new FormatException($"expected '{token}', found '{Peek}'");
        }

        _pos++;
    }
}
