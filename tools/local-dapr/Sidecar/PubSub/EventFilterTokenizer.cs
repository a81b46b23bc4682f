namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>Splits a routing expression into identifiers, literals (strings keep their quote) and operators.</summary>
internal static class EventFilterTokenizer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", ".", "[", "]", ","];

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
            else if (c is '"' or '\'')
            {
                var end = i + 1;
                var value = new System.Text.StringBuilder();
                while (end < text.Length && text[end] != c)
                {
                    if (text[end] == '\\' && end + 1 < text.Length)
                    {
                        end++;
                    }
                    value.Append(text[end]);
                    end++;
                }
                if (end >= text.Length)
                {
                    throw new FormatException($"unterminated string in '{text}'");
                }
                tokens.Add("\"" + value);
                i = end + 1;
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && IsOperandStart(tokens)))
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' || text[i] is 'e' or 'E'))
                {
                    i++;
                }
                tokens.Add("#" + text[start..i]);
                if (i < text.Length && text[i] == 'u')
                {
                    i++;
                }
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(text[start..i]);
            }
            else if (Array.Find(Operators, op => string.CompareOrdinal(text, i, op, 0, op.Length) == 0) is { } op)
            {
                tokens.Add(op);
                i += op.Length;
            }
            else
            {
                throw new FormatException($"unexpected character '{c}' in '{text}'");
            }
        }
        return tokens;
    }

    private static bool IsOperandStart(List<string> tokens) =>
        tokens.Count == 0 || tokens[^1] is "==" or "!=" or "<=" or ">=" or "<" or ">" or "&&" or "||" or "!" or "(" or ",";
}
