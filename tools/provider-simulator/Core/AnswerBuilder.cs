using System.Text;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>
/// Builds the deterministic answer: "Simulated answer from {provider}/{model}: " and an echo of the
/// last user message, a tool call when tools are offered and asked for, JSON when JSON was asked
/// for, cut at <c>max_tokens</c>.
/// </summary>
internal static class AnswerBuilder
{
    private const int EchoWords = 8;

    public static SimAnswer Build(string provider, ChatPrompt prompt, Directives directives, bool contentFilter)
    {
        var promptTokens = TokenCounter.Count(prompt.PromptChars) + directives.Cached + directives.CacheWrite;
        var echo = Directives.Strip(prompt.LastUserText);
        var tool = PickTool(prompt, echo);
        if (tool is not null && !contentFilter)
        {
            var id = "call_" + StableId(provider + prompt.Model + echo);
            var call = new ToolCallSpec(id, tool.Name, JsonText.ForSchema(tool.Parameters, echo));
            return new SimAnswer("", Fragments(call.ArgumentsJson), call, FinishKind.ToolCall, promptTokens,
                TokenCounter.Count(call.ArgumentsJson.Length + call.Name.Length), directives.Cached, directives.CacheWrite,
                directives.Reasoning);
        }

        var text = $"Simulated answer from {provider}/{prompt.Model}: {Echo(echo, directives.Words)}";
        if (prompt.Format != OutputFormat.Text)
        {
            text = JsonText.ForAnswer(prompt.Format == OutputFormat.JsonSchema ? prompt.Schema : null, text, echo);
        }
        var pieces = Words(text);
        var finish = FinishKind.Stop;
        if (contentFilter)
        {
            pieces = pieces.Take(3).ToList();
            finish = FinishKind.ContentFilter;
        }
        else if (prompt.MaxTokens is int max && TokenCounter.Count(text) > max)
        {
            pieces = Truncate(pieces, max);
            finish = FinishKind.Length;
        }
        text = string.Concat(pieces);
        var completion = finish == FinishKind.Length ? prompt.MaxTokens!.Value : TokenCounter.Count(text);
        return new SimAnswer(text, pieces, null, finish, promptTokens, completion, directives.Cached,
            directives.CacheWrite, directives.Reasoning);
    }

    private static ToolSpec? PickTool(ChatPrompt prompt, string echo)
    {
        if (prompt.Tools.Count == 0 || prompt.EndsWithToolResult || string.Equals(prompt.ForcedTool, "none", StringComparison.Ordinal))
        {
            return null;
        }
        if (prompt.ForcedTool is { } forced)
        {
            return prompt.Tools.FirstOrDefault(t => t.Name == forced) ?? prompt.Tools[0];
        }
        foreach (var tool in prompt.Tools)
        {
            if (echo.Contains(tool.Name, StringComparison.OrdinalIgnoreCase))
            {
                return tool;
            }
        }
        return echo.Contains("tool", StringComparison.OrdinalIgnoreCase) ? prompt.Tools[0] : null;
    }

    private static string Echo(string text, int? words)
    {
        var source = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (source.Length == 0)
        {
            source = ["Hello"];
        }
        var count = words ?? Math.Min(EchoWords, source.Length);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(i == 0 ? "" : " ").Append(source[i % source.Length]);
        }
        return builder.ToString();
    }

    /// <summary>Splits text into stream pieces: one word with its following space each.</summary>
    internal static List<string> Words(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                pieces.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }
        return pieces;
    }

    private static List<string> Truncate(List<string> pieces, int maxTokens)
    {
        var kept = new List<string>();
        var chars = 0;
        foreach (var piece in pieces)
        {
            if (kept.Count > 0 && TokenCounter.Count(chars + piece.Length) > maxTokens)
            {
                break;
            }
            kept.Add(piece);
            chars += piece.Length;
        }
        return kept;
    }

    private static List<string> Fragments(string json)
    {
        var size = Math.Max(4, json.Length / 4);
        var fragments = new List<string>();
        for (var i = 0; i < json.Length; i += size)
        {
            fragments.Add(json.Substring(i, Math.Min(size, json.Length - i)));
        }
        return fragments;
    }

    internal static string StableId(string seed)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return Convert.ToHexStringLower(hash, 0, 12);
    }
}
