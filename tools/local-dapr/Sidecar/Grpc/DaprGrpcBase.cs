using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Grpc;

/// <summary>The bound RPCs as virtual methods (Grpc.AspNetCore finds handlers by name on the mapped type).</summary>
[BindServiceMethod(typeof(DaprGrpcBinding), nameof(DaprGrpcBinding.BindService))]
internal abstract class DaprGrpcBase
{
    public abstract Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context);
    public abstract Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context);
    public abstract Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context);
    public abstract Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context);
    public abstract Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context);
    public abstract Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context);
    public abstract Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context);
    public abstract Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context);
    public abstract Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context);
    public abstract Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context);
#pragma warning disable CS0612 // alpha1 is deprecated in the proto, still served by daprd
    public abstract Task<ConversationResponse> ConverseAlpha1(ConversationRequest request, ServerCallContext context);
#pragma warning restore CS0612
    public abstract Task<ConversationResponseAlpha2> ConverseAlpha2(ConversationRequestAlpha2 request, ServerCallContext context);
}
