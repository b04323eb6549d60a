namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>
/// A process that sends telemetry, identified as OTLP intends by <c>service.name</c> + <c>service.instance.id</c>.
/// </summary>
public sealed record TelemetryResource(string ServiceName, string InstanceId, IReadOnlyList<TelemetryTag> Attributes)
{
    public string Key { get; } = ResourceKey(ServiceName, InstanceId);

    /// <summary>Short label: the service name, plus a short instance id when the service has several.</summary>
    public string DisplayName(bool withInstance) =>
        withInstance && InstanceId.Length > 0 ? $"{ServiceName}-{InstanceId[..Math.Min(8, InstanceId.Length)]}" : ServiceName;

    public static string ResourceKey(string serviceName, string instanceId) =>
        instanceId.Length == 0 ? serviceName : serviceName + "/" + instanceId;
}
