using Dapr.AiProvider.Router.Switches;
using System.Net;
using System.Text;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>The shared disabled-provider set in memory, for several router instances.</summary>
internal sealed class InMemoryProviderSwitchStore : InMemorySharedRecordStore<string[]>, IProviderSwitchStore;

public class ProviderSwitchTests
{
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task DisabledProvider_IsNotRouted_ReenabledIsAgain()
    {
        using var router = new SecureRouter();
        var store = new InMemoryProviderSwitchStore();
        using var app = router.App.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<IProviderSwitchStore>();
            s.AddSingleton<IProviderSwitchStore>(store);
        }));
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RouterFactory.Key);
        var key = router.Keys.Add("service");
        using var caller = app.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using var disable = await admin.PostAsync("/admin/providers/github/disable", null);
        var calls = router.Base.Backend.Calls;
        calls.Clear();
        using var routed = await caller.PostAsync("/v1/chat/completions", new StringContent(Hello, Encoding.UTF8, "application/json"));
        var providersWhileDisabled = calls.Select(c => c.Provider).ToArray();
        using var list = await admin.GetAsync("/admin/providers");
        using var enable = await admin.PostAsync("/admin/providers/github/enable", null);

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.NotEmpty(providersWhileDisabled);
        Assert.DoesNotContain("github", providersWhileDisabled);
        Assert.Contains("\"enabled\":false", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Empty((await store.GetAsync(default)).Value ?? []);
    }
}
