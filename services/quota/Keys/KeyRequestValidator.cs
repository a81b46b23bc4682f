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
        if (request.AllowedModels is { } models && (models.Count > 500 || models.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 200)))
        {
            errors["allowedModels"] = ["allowedModels holds at most 500 non-empty entries of at most 200 characters."];
        }
        if (request.RequestsPerMinute is < 0 || request.TokensPerMinute is < 0)
        {
            errors["requestsPerMinute"] = ["Rate limits cannot be negative."];
        }
        return errors;
    }
}
