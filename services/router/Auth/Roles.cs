using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
namespace Dapr.AiProvider.Router.Auth;

/// <summary>The four roles and who may do what.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Service = "service";
    public const string User = "user";
    public const string Viewer = "viewer";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Admin, Service, User, Viewer };

    /// <summary>May send AI requests.</summary>
    public static readonly string[] AiCallers = [Admin, Service, User];

    /// <summary>May read usage analytics.</summary>
    public static readonly string[] AnalyticsReaders = [Admin, Viewer];

    public static readonly string[] Admins = [Admin];
}
