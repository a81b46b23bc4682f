using System.Threading.Channels;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Usage;

/// <summary>The bounded buffer between request handlers and the background publisher. Never blocks a
/// request: when full the event is dropped and counted.</summary>
internal sealed class UsageQueue(IOptions<RouterOptions> options, RouterMetrics metrics)
{
    private readonly Channel<UsageRecorded> _channel = Channel.CreateBounded<UsageRecorded>(
        new BoundedChannelOptions(options.Value.Usage.BufferSize)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false, // several publishers drain it
            SingleWriter = false,
        });

    public ChannelReader<UsageRecorded> Reader => _channel.Reader;

    public bool Enqueue(UsageRecorded usage)
    {
        if (_channel.Writer.TryWrite(usage))
        {
            return true;
        }
        metrics.UsageDropped();
        return false;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
