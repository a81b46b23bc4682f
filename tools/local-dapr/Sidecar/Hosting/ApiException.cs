using Grpc.Core;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>An expected API failure with both of daprd's mappings: HTTP status + errorCode, and gRPC status code.</summary>
internal sealed class ApiException(int httpStatus, StatusCode grpcCode, string errorCode, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;
    public StatusCode GrpcCode { get; } = grpcCode;
    public string ErrorCode { get; } = errorCode;

    public DaprError ToError() => new(ErrorCode, Message);

    public RpcException ToRpc() => new(new Status(GrpcCode, Message));

    public static ApiException BadRequest(string code, string message) => new(400, StatusCode.InvalidArgument, code, message);
}
