using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dapr.AiProvider.Observability.Tests.Logging;

public sealed class RequestLogScopeTests
{
    [Fact]
    public async Task UseRequestLogScope_LineLoggedInARequest_CarriesTheGatewayRequestId()
    {
        var collector = new FakeLogCollector();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(collector)))
            .BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseRequestLogScope();
        app.Run(context =>
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("handler").LogInformation("handled");
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext { RequestServices = services };

        await app.Build()(context);

        var record = Assert.Single(collector.GetSnapshot());
        var scope = Assert.Single(record.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>());
        Assert.Equal(RequestIds.For(context), scope.Single(p => p.Key == RequestLogScope.Key).Value);
        Assert.StartsWith("req_", (string)scope.Single().Value, StringComparison.Ordinal);
    }
}
