using Dapr.AiProvider.LocalDapr.Sidecar.Conversation;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Secrets;
using Dapr.AiProvider.LocalDapr.Sidecar.State;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Grpc;

/// <summary>
/// The gRPC Dapr API over the same services as the HTTP API; expected failures become daprd's status codes.
/// State read from the store is wrapped, not copied, into the answer: each <see cref="StateEntry"/> holds a fresh
/// array that nothing else keeps or changes.
/// </summary>
internal sealed class DaprGrpcService(StateService state, SecretService secrets, MetadataService metadata, GrpcPublisher publisher,
    ConversationService conversation) : DaprGrpcBase
{
    private static readonly Empty EmptyResult = new();

    public override Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context) => Run(async () =>
    {
        var entry = await state.GetAsync(request.StoreName, request.Key, context.CancellationToken);
        var response = new GetStateResponse();
        if (entry is not null)
        {
            response.Data = UnsafeByteOperations.UnsafeWrap(entry.Value);
            response.Etag = entry.ETag;
        }
        return response;
    });

    public override Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context) => Run(async () =>
    {
        var items = await state.GetBulkAsync(request.StoreName, request.Keys, request.Parallelism, context.CancellationToken);
        var response = new GetBulkStateResponse();
        foreach (var item in items)
        {
            var bulk = new Client.Autogen.Grpc.v1.BulkStateItem { Key = item.Key, Error = item.Error ?? "" };
            if (item.Entry is { } entry)
            {
                bulk.Data = UnsafeByteOperations.UnsafeWrap(entry.Value);
                bulk.Etag = entry.ETag;
            }
            response.Items.Add(bulk);
        }
        return response;
    });

    public override Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context) => Run(async () =>
    {
        await state.SaveAsync(request.StoreName, request.States.Select(GrpcMapping.ToSaveItem).ToList(), context.CancellationToken);
        return EmptyResult;
    });

    public override Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context) => Run(async () =>
    {
        await state.DeleteAsync(request.StoreName, request.Key, request.Etag?.Value,
            GrpcMapping.Concurrency(request.Options), context.CancellationToken);
        return EmptyResult;
    });

    public override Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context) => Run(async () =>
    {
        foreach (var item in request.States)
        {
            await state.DeleteAsync(request.StoreName, item.Key, item.Etag?.Value, GrpcMapping.Concurrency(item.Options), context.CancellationToken);
        }
        return EmptyResult;
    });

    public override Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context) => Run(async () =>
    {
        var ops = request.Operations.Select(o => new TransactionItem(o.OperationType, GrpcMapping.ToSaveItem(o.Request ?? new StateItem()))).ToList();
        await state.TransactAsync(request.StoreName, ops, context.CancellationToken);
        return EmptyResult;
    });

    public override Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context) => Run(async () =>
    {
        await publisher.PublishAsync(request, context.CancellationToken);
        return EmptyResult;
    });

    public override Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context) => Run(() =>
    {
        var response = new GetSecretResponse();
        response.Data.Add(new Dictionary<string, string>(secrets.Get(request.StoreName, request.Key)));
        return Task.FromResult(response);
    });

    public override Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context) => Run(() =>
    {
        var response = new GetBulkSecretResponse();
        foreach (var (name, values) in secrets.GetBulk(request.StoreName))
        {
            var secret = new SecretResponse();
            secret.Secrets.Add(new Dictionary<string, string>(values));
            response.Data.Add(name, secret);
        }
        return Task.FromResult(response);
    });

    public override Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(GrpcMapping.ToResponse(metadata.Build()));

#pragma warning disable CS0612 // alpha1 is deprecated in the proto, still served by daprd
    public override Task<ConversationResponse> ConverseAlpha1(ConversationRequest request, ServerCallContext context) =>
        Run(() => conversation.ConverseAlpha1Async(request, context.CancellationToken));
#pragma warning restore CS0612

    public override Task<ConversationResponseAlpha2> ConverseAlpha2(ConversationRequestAlpha2 request, ServerCallContext context) =>
        Run(() => conversation.ConverseAlpha2Async(request, context.CancellationToken));

    private static async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ApiException e)
        {
            throw e.ToRpc();
        }
    }
}
