using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Grpc;

/// <summary>
/// Binds the implemented RPCs of <c>dapr.proto.runtime.v1.Dapr</c> by hand on the Dapr.Protos message types
/// (the package ships only the client). RPCs not bound here answer UNIMPLEMENTED.
/// <see cref="Descriptor"/> lets gRPC server reflection describe the service.
/// </summary>
internal static class DaprGrpcBinding
{
    private const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    public static ServiceDescriptor Descriptor => global::Dapr.Client.Autogen.Grpc.v1.Dapr.Descriptor;

    public static void BindService(ServiceBinderBase binder, DaprGrpcBase? impl)
    {
        Add<GetStateRequest, GetStateResponse>(binder, "GetState", GetStateRequest.Parser, GetStateResponse.Parser, impl is null ? null : impl.GetState);
        Add<GetBulkStateRequest, GetBulkStateResponse>(binder, "GetBulkState", GetBulkStateRequest.Parser, GetBulkStateResponse.Parser, impl is null ? null : impl.GetBulkState);
        Add<SaveStateRequest, Empty>(binder, "SaveState", SaveStateRequest.Parser, Empty.Parser, impl is null ? null : impl.SaveState);
        Add<DeleteStateRequest, Empty>(binder, "DeleteState", DeleteStateRequest.Parser, Empty.Parser, impl is null ? null : impl.DeleteState);
        Add<DeleteBulkStateRequest, Empty>(binder, "DeleteBulkState", DeleteBulkStateRequest.Parser, Empty.Parser, impl is null ? null : impl.DeleteBulkState);
        Add<ExecuteStateTransactionRequest, Empty>(binder, "ExecuteStateTransaction", ExecuteStateTransactionRequest.Parser, Empty.Parser, impl is null ? null : impl.ExecuteStateTransaction);
        Add<PublishEventRequest, Empty>(binder, "PublishEvent", PublishEventRequest.Parser, Empty.Parser, impl is null ? null : impl.PublishEvent);
        Add<GetSecretRequest, GetSecretResponse>(binder, "GetSecret", GetSecretRequest.Parser, GetSecretResponse.Parser, impl is null ? null : impl.GetSecret);
        Add<GetBulkSecretRequest, GetBulkSecretResponse>(binder, "GetBulkSecret", GetBulkSecretRequest.Parser, GetBulkSecretResponse.Parser, impl is null ? null : impl.GetBulkSecret);
        Add<GetMetadataRequest, GetMetadataResponse>(binder, "GetMetadata", GetMetadataRequest.Parser, GetMetadataResponse.Parser, impl is null ? null : impl.GetMetadata);
#pragma warning disable CS0612 // alpha1 is deprecated in the proto, still served by daprd
        Add<ConversationRequest, ConversationResponse>(binder, "ConverseAlpha1", ConversationRequest.Parser, ConversationResponse.Parser, impl is null ? null : impl.ConverseAlpha1);
#pragma warning restore CS0612
        Add<ConversationRequestAlpha2, ConversationResponseAlpha2>(binder, "ConverseAlpha2", ConversationRequestAlpha2.Parser, ConversationResponseAlpha2.Parser, impl is null ? null : impl.ConverseAlpha2);
    }

    private static void Add<TRequest, TResponse>(ServiceBinderBase binder, string name,
        MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var method = new Method<TRequest, TResponse>(MethodType.Unary, ServiceName, name,
            Marshaller(requestParser), Marshaller(responseParser));
        binder.AddMethod(method, handler);
    }

    /// <summary>
    /// Contextual marshalling, as protoc's generated service code does: a message is parsed straight from the
    /// received frames and written straight into the response buffer, with no byte-array copy of either.
    /// </summary>
    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : class, IMessage<T> =>
        Marshallers.Create<T>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
