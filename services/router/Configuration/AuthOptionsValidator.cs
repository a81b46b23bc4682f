using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Auth;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Configuration;

/// <summary>Range checks of <c>Router:Auth</c>, generated from the data annotations.</summary>
[OptionsValidator]
internal sealed partial class AuthOptionsRangeValidator : IValidateOptions<AuthOptions>;

/// <summary>Cross-field checks of <c>Router:Auth</c>; every problem is listed at start.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private readonly AuthOptionsRangeValidator _ranges = new();

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        var ranges = _ranges.Validate(name, options);
        if (ranges.Failed)
        {
            errors.AddRange(ranges.Failures);
        }
        var jwt = options.Jwt;
        if (jwt.SigningKey is { Length: > 0 and < 32 })
        {
            errors.Add("Router:Auth:Jwt:SigningKey must have at least 32 characters (HS256).");
        }
        if (!string.IsNullOrEmpty(jwt.SigningKey) && (!string.IsNullOrEmpty(jwt.Authority) || !string.IsNullOrEmpty(jwt.MetadataAddress)))
        {
            errors.Add("Router:Auth:Jwt: set either SigningKey (HS256) or Authority/MetadataAddress (JWKS), not both.");
        }
        if (jwt.Enabled && string.IsNullOrEmpty(jwt.Audience))
        {
            errors.Add("Router:Auth:Jwt:Audience is required when JWT validation is enabled.");
        }
        if (!string.IsNullOrEmpty(jwt.SigningKey) && string.IsNullOrEmpty(jwt.Issuer))
        {
            errors.Add("Router:Auth:Jwt:Issuer is required with a SigningKey.");
        }
        if (jwt.DefaultRole is { } role && !Roles.All.Contains(role))
        {
            errors.Add("Router:Auth:Jwt:DefaultRole must be admin, service, user or viewer.");
        }
        if (string.IsNullOrWhiteSpace(jwt.RoleClaim))
        {
            errors.Add("Router:Auth:Jwt:RoleClaim is required.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
