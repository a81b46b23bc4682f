namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// The subset of CEL that daprd trip expressions use: comparisons (<c>&gt; &gt;= &lt; &lt;= == !=</c>) between
/// the breaker counters and integers, joined by <c>&amp;&amp;</c> / <c>||</c>, with <c>!</c> and parentheses.
/// Compiled once at load; unknown names and syntax errors are reported then.
/// </summary>
internal sealed class TripExpression
{
    /// <summary>gobreaker's default when no <c>trip</c> is given.</summary>
    public static readonly TripExpression Default = Parse("consecutiveFailures > 5");

    private readonly Func<BreakerCounts, bool> _eval;

    private TripExpression(string text, Func<BreakerCounts, bool> eval)
    {
        Text = text;
        _eval = eval;
    }

    public string Text { get; }

    public bool Evaluate(BreakerCounts counts) => _eval(counts);

    /// <exception cref="FormatException">The expression is not valid.</exception>
    public static TripExpression Parse(string text)
    {
        var parser = new TripExpressionParser(TripExpressionParser.Tokenize(text));
        var eval = parser.ParseOr();
        if (!parser.AtEnd)
        {
            throw new FormatException($"unexpected '{parser.Peek}' in trip expression '{text}'");
        }

        return new TripExpression(text, eval);
    }
}
