using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Plays a stream: headers, prelude, paced pieces, finish — or the stream fault that breaks it.</summary>
internal static class StreamRunner
{
    public static async Task RunAsync(HttpContext context, IChatStream stream, SimAnswer answer, Pacer pacer,
        FaultKind? fault, FaultContext faultContext, SimulatorOptions options, TimeProvider time, ProducedOutput produced, CancellationToken ct)
    {
        await SseWriter.StartAsync(context.Response, stream.ContentType, ct);
        if (fault == FaultKind.Stall)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.StallSeconds), time, ct);
            return;
        }
        await stream.PreludeAsync(ct);
        if (fault == FaultKind.StreamErrorBeforeContent)
        {
            await stream.InBandErrorAsync(faultContext, ct);
            return;
        }
        await pacer.FirstTokenAsync(ct);
        for (var i = 0; i < answer.Pieces.Count; i++)
        {
            if (fault == FaultKind.StreamCut && i >= options.StreamCutAfterChunks)
            {
                return;
            }
            await stream.PieceAsync(i, answer.Pieces[i], ct);
            produced.OutputTokens += TokenCounter.Count(answer.Pieces[i]);
            await pacer.TokensAsync(TokenCounter.Count(answer.Pieces[i]), ct);
        }
        if (fault != FaultKind.StreamCut)
        {
            await stream.FinishAsync(ct);
            produced.Complete = true;
        }
    }
}
