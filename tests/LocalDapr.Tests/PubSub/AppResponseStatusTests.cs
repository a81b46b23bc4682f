using System.Net;
using System.Text;
using Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>daprd's reading of a subscriber's answer.</summary>
public sealed class AppResponseStatusTests
{
    [Theory]
    [InlineData(200, "", "Success")]
    [InlineData(204, "", "Success")]
    [InlineData(200, "not json", "Success")]
    [InlineData(200, "{\"status\":\"SUCCESS\"}", "Success")]
    [InlineData(200, "{\"status\":\"\"}", "Success")]
    [InlineData(200, "{\"status\":\"RETRY\"}", "Retry")]
    [InlineData(200, "{\"status\":\"drop\"}", "Drop")]
    [InlineData(200, "{\"status\":\"WHATEVER\"}", "Retry")]
    [InlineData(404, "", "NotFound")]
    [InlineData(500, "{\"status\":\"SUCCESS\"}", "Retry")]
    [InlineData(429, "", "Retry")]
    public void Interpret_StatusAndBody_MapsLikeDaprd(int status, string body, string expected)
    {
        var result = AppResponseStatus.Interpret((HttpStatusCode)status, Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, result.ToString());
    }
}
