namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>A URL a resource listens on, e.g. ("http", "http://127.0.0.1:5080").</summary>
public sealed record ResourceEndpoint(string Name, string Url);
