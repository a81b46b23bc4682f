namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>
/// Lua with the semantics of components-contrib state.redis (hash fields <c>data</c>, <c>version</c>,
/// <c>first-write</c>). Set: ARGV = etag ("0" = none), data, "0" when written with first-write concurrency.
/// It succeeds when the key is missing or has no version, when the etag equals the stored version, or when
/// no etag was given and the key was not created with first-write; then the version is incremented.
/// Delete: ARGV = etag ("0" = none); succeeds when the key is missing, the etag matches, or none was given.
/// </summary>
internal static class RedisScripts
{
    public const string Set = """
        local current = redis.pcall("HGET", KEYS[1], "version")
        if type(current) == "table" then
          redis.call("DEL", KEYS[1])
        end
        local firstWrite = redis.pcall("HGET", KEYS[1], "first-write")
        if not current or type(current) == "table" or current == "" or current == ARGV[1] or (not firstWrite and ARGV[1] == "0") then
          redis.call("HSET", KEYS[1], "data", ARGV[2])
          if ARGV[3] == "0" then
            redis.call("HSET", KEYS[1], "first-write", 0)
          end
          return redis.call("HINCRBY", KEYS[1], "version", 1)
        end
        return redis.error_reply("failed to set key " .. KEYS[1])
        """;

    public const string Delete = """
        local current = redis.pcall("HGET", KEYS[1], "version")
        if not current or type(current) == "table" or current == "" or current == ARGV[1] or ARGV[1] == "0" then
          return redis.call("DEL", KEYS[1])
        end
        return redis.error_reply("failed to delete " .. KEYS[1])
        """;
}
