namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>A configuration problem found at start (bad flag, bad resource file): the process exits non-zero with the message.</summary>
internal sealed class SidecarStartupException(string message) : Exception(message);
