using Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

namespace Dapr.AiProvider.LocalDapr.Tests.Invocation;

/// <summary>The relayed call's URI: the same text as built per call before, reused only where it cannot differ.</summary>
public sealed class RelayUrisTests
{
    [Theory]
    [InlineData("v1/chat", null, "http://127.0.0.1:5000/v1/chat")]
    [InlineData("v1/chat", "", "http://127.0.0.1:5000/v1/chat")]
    [InlineData("v1/chat", "?a=1&b=%20", "http://127.0.0.1:5000/v1/chat?a=1&b=%20")]
    [InlineData("a b/é", null, "http://127.0.0.1:5000/a%20b/%C3%A9")]
    public void For_AppBase_IsBaseEscapedMethodAndQuery(string method, string? query, string expected)
    {
        var uri = new RelayUris().For("http://127.0.0.1:5000/", method, query);

        Assert.Equal(expected, uri.AbsoluteUri);
    }

    [Fact]
    public void For_PeerBase_PutsThePrefixBeforeTheMethod()
    {
        var uri = new RelayUris("/_localdapr/invoke/").For("http://127.0.0.1:4000", "chat", null);

        Assert.Equal("http://127.0.0.1:4000/_localdapr/invoke/chat", uri.AbsoluteUri);
    }

    [Fact]
    public void For_SameBaseAndMethod_ReusesTheUri_OtherBaseOrQuery_DoesNot()
    {
        var uris = new RelayUris();

        var first = uris.For("http://127.0.0.1:5000/", "chat", null);

        Assert.Same(first, uris.For("http://127.0.0.1:5000/", "chat", ""));
        Assert.NotSame(first, uris.For("http://127.0.0.1:5001/", "chat", null));
        Assert.Equal("http://127.0.0.1:5001/chat", uris.For("http://127.0.0.1:5001/", "chat", null).AbsoluteUri);
        Assert.NotSame(uris.For("http://127.0.0.1:5000/", "chat", "?a=1"), uris.For("http://127.0.0.1:5000/", "chat", "?a=1"));
    }

    [Fact]
    public void For_CacheFull_StillAnswersEveryMethod()
    {
        var uris = new RelayUris();
        for (var i = 0; i < RelayUris.Capacity + 10; i++)
        {
            Assert.Equal($"http://h/m{i}", uris.For("http://h/", $"m{i}", null).AbsoluteUri);
        }

        Assert.Equal(RelayUris.Capacity, uris.Count);
    }
}
