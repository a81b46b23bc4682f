namespace Dapr.AiProvider.Quota.Keys;

/// <summary>Validates a key creation request; every problem is listed (422).</summary>
internal static class KeyRequestValidator
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal) { "admin", "service", "user", "viewer" };

    public static Dictionary<string, string[]> Validate(CreateKeyRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON body with name and role is required."];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["name is required (at most 200 characters)."];
        }
        if (request.Role is null || !Roles.Contains(request.Role))
        {
            errors["role"] = ["role must be one of: admin, service, user, viewer."];
        }
        if (request.Team is { Length: > 200 })
        {
            errors["team"] = ["team has at most 200 characters."];
        }
        if (request.AllowedModels is { } models)
        {
            var invalid = models.Select((entry, index) => (entry, index)).Where(e => !AllowListEntry.IsValid(e.entry)).Take(10).ToList();
            if (models.Count > 500)
            {
                errors["allowedModels"] = ["allowedModels holds at most 500 entries."];
            }
            else if (invalid.Count > 0)
            {
                errors["allowedModels"] = [.. invalid.Select(e =>
                    $"allowedModels[{e.index}] {Quoted(e.entry)} is not 'provider', 'provider/*' or 'provider/model' " +
                    $"(no spaces, at most {AllowListEntry.MaxLength} characters).")];
            }
        }
        if (request.RequestsPerMinute is < 0 || request.TokensPerMinute is < 0)
        {
            errors["requestsPerMinute"] = ["Rate limits cannot be negative."];
        }
        return errors;
    }

    /// <summary>The entry as JSON would show it, cut short: a space or control character stays visible.</summary>
    private static string Quoted(string? entry) =>
        entry is null ? "null" : System.Text.Json.JsonSerializer.Serialize(entry.Length > 40 ? entry[..40] + "…" : entry, QuotaKeysJsonContext.Default.String);
}
