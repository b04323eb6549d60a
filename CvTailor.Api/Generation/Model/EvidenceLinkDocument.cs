namespace CvTailor.Api.Generation.Model;

/// <summary>An evidence link of an artifact (contract table <c>artifacts_evidencelink</c>).</summary>
public sealed record EvidenceLinkDocument(string Url, string LinkType = "other", string Description = "");
