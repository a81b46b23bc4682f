using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>Reads <c>spec.policies</c>: timeouts, retries (dapr/kit retry config) and circuit breakers.</summary>
internal static class ResiliencyPolicyReader
{
    public static void Read(ResiliencyYamlFields f, YamlMappingNode? policies, ResiliencyModel model)
    {
        const string root = "spec.policies";
        foreach (var (name, node) in f.Entries(f.Map(policies, "timeouts", $"{root}.timeouts")))
        {
            var path = $"{root}.timeouts.{name}";
            model.Timeouts[name] = f.ParseDuration(f.Scalar(node, path), path);
        }

        foreach (var (name, node) in f.Entries(f.Map(policies, "retries", $"{root}.retries")))
        {
            var path = $"{root}.retries.{name}";
            var retry = ReadRetry(f, node as YamlMappingNode ?? throw f.Error(path, "expected a mapping"), path);
            if (name is ResiliencyModel.BuiltInServiceRetries or ResiliencyModel.BuiltInActorRetries)
            {
                // daprd: overrides of built-in policies keep at least 3 retries.
                retry = retry with { TransportErrorsOnly = true, MaxRetries = retry.MaxRetries is >= 0 and < 3 ? 3 : retry.MaxRetries };
            }

            model.Retries[name] = retry;
        }

        foreach (var (name, node) in f.Entries(f.Map(policies, "circuitBreakers", $"{root}.circuitBreakers")))
        {
            var path = $"{root}.circuitBreakers.{name}";
            model.Breakers[name] = ReadBreaker(f, node as YamlMappingNode ?? throw f.Error(path, "expected a mapping"), path, name);
        }
    }

    private static RetrySpec ReadRetry(ResiliencyYamlFields f, YamlMappingNode map, string path)
    {
        var spec = new RetrySpec();
        var policy = f.String(map, "policy", $"{path}.policy")?.ToLowerInvariant();
        if (policy is not (null or "constant" or "exponential"))
        {
            throw f.Error($"{path}.policy", $"'{policy}' is not 'constant' or 'exponential'");
        }

        var maxRetries = f.Integer(map, "maxRetries", $"{path}.maxRetries") ?? spec.MaxRetries;
        if (maxRetries < -1)
        {
            throw f.Error($"{path}.maxRetries", "must be -1 (forever) or more");
        }

        var matching = f.Map(map, "matching", $"{path}.matching");
        var http = StatusCodeMatcher.Parse(f.String(matching, "httpStatusCodes", $"{path}.matching.httpStatusCodes"), 100, 599, out var httpError);
        var grpc = StatusCodeMatcher.Parse(f.String(matching, "gRPCStatusCodes", $"{path}.matching.gRPCStatusCodes"), 0, 16, out var grpcError);
        if (httpError is not null || grpcError is not null)
        {
            throw f.Error(httpError is not null ? $"{path}.matching.httpStatusCodes" : $"{path}.matching.gRPCStatusCodes", (httpError ?? grpcError)!);
        }

        return spec with
        {
            Exponential = policy == "exponential",
            Duration = f.Duration(map, "duration", $"{path}.duration") ?? spec.Duration,
            InitialInterval = f.Duration(map, "initialInterval", $"{path}.initialInterval") ?? spec.InitialInterval,
            RandomizationFactor = f.Number(map, "randomizationFactor", $"{path}.randomizationFactor") ?? spec.RandomizationFactor,
            Multiplier = f.Number(map, "multiplier", $"{path}.multiplier") ?? spec.Multiplier,
            MaxInterval = f.Duration(map, "maxInterval", $"{path}.maxInterval") ?? spec.MaxInterval,
            MaxElapsedTime = f.Duration(map, "maxElapsedTime", $"{path}.maxElapsedTime") ?? spec.MaxElapsedTime,
            MaxRetries = maxRetries,
            HttpStatusCodes = http,
            GrpcStatusCodes = grpc,
        };
    }

    private static BreakerSpec ReadBreaker(ResiliencyYamlFields f, YamlMappingNode map, string path, string name)
    {
        var maxRequests = f.Integer(map, "maxRequests", $"{path}.maxRequests") ?? 0;
        if (maxRequests is < 0 or > uint.MaxValue)
        {
            throw f.Error($"{path}.maxRequests", "must be 0 or more");
        }

        var timeout = f.Duration(map, "timeout", $"{path}.timeout") ?? TimeSpan.Zero;
        var trip = TripExpression.Default;
        if (f.String(map, "trip", $"{path}.trip") is { } tripText)
        {
            try
            {
                trip = TripExpression.Parse(tripText);
            }
            catch (FormatException ex)
            {
                throw f.Error($"{path}.trip", ex.Message);
            }
        }

        return new BreakerSpec
        {
            Name = name,
            MaxRequests = maxRequests == 0 ? 1 : (uint)maxRequests,
            Interval = f.Duration(map, "interval", $"{path}.interval") ?? TimeSpan.Zero,
            Timeout = timeout == TimeSpan.Zero ? TimeSpan.FromSeconds(60) : timeout,
            Trip = trip,
        };
    }
}
