using System.Text;
namespace Dapr.AiProvider.Router.Tests.Security;
public class ProbeTmpTests
{
    [Fact]
    public async Task Probe()
    {
        using var router = new SecureRouter();
        using var client = router.Client(Dapr.AiProvider.Router.Tests.Api.RouterFactory.Key);
        using var r = await client.PostAsync("/v1/chat/completions", new StringContent("""{"messages":[{"role":"user","content":"\ud800"}]}""", Encoding.UTF8, "application/json"));
        Assert.Fail(string.Join("\n", router.Logs.Lines.Where(l => l.Contains("Exception"))));
    }
}
