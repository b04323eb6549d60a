namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>An OTLP attribute (key and value) flattened to text for display and filtering.</summary>
public readonly record struct TelemetryTag(string Key, string Value);
