namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>A rough, deterministic token estimate: about four characters a token, never below one.</summary>
internal static class TokenCounter
{
    public static int Count(int chars) => Math.Max(1, (chars + 3) / 4);

    public static int Count(string text) => Count(text.Length);
}
