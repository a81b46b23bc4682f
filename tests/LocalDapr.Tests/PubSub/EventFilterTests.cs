using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>The CEL subset used by routing rules, evaluated over a CloudEvent.</summary>
public sealed class EventFilterTests
{
    private static readonly JsonElement Event = JsonDocument.Parse("""
        {"type":"widget","source":"app-1","data":{"kind":"a","count":5,"tags":["x","y"]}}
        """).RootElement;

    [Theory]
    [InlineData("event.type == \"widget\"", true)]
    [InlineData("event.type == 'gadget'", false)]
    [InlineData("event.type != \"gadget\" && event.data.count > 3", true)]
    [InlineData("event.data.count >= 6 || event.data.kind == \"a\"", true)]
    [InlineData("!(event.data.kind == \"a\")", false)]
    [InlineData("event.source.startsWith(\"app-\")", true)]
    [InlineData("event.data.tags.size() == 2", true)]
    [InlineData("has(event.subject)", false)]
    [InlineData("event.subject == \"x\"", false)]
    [InlineData("event.data.count == \"5\"", false)]
    public void Matches_Expression_EvaluatesLikeCel(string expression, bool expected)
    {
        Assert.Equal(expected, EventFilter.Parse(expression).Matches(Event));
    }

    [Theory]
    [InlineData("event.type ==")]
    [InlineData("other.type == \"x\"")]
    [InlineData("event.type == \"unterminated")]
    [InlineData("event.type.frobnicate(\"x\")")]
    public void Parse_InvalidExpression_ThrowsFormatException(string expression)
    {
        Assert.Throws<FormatException>(() => EventFilter.Parse(expression));
    }
}
