namespace CvTailor.Api.Artifacts;

// The multipart forms of the upload endpoints, as the OpenAPI document shows them. The handlers read the form through
// RequestFields rather than [FromForm] binding, so that a request that is not multipart keeps the contract's own 415
// body, and an unknown artifact its 404, whatever the body holds.

/// <summary>R6: one or more parts named <c>files</c>.</summary>
public sealed record ArtifactFilesForm(IFormFileCollection Files);

/// <summary>R7: <c>metadata</c> (a JSON object, or one <c>metadata.&lt;key&gt;</c> part per key) and 0–10 <c>files</c>.</summary>
public sealed record BulkUploadForm(string Metadata, IFormFileCollection? Files);

/// <summary>R9: exactly one part named <c>file</c>.</summary>
public sealed record SingleFileForm(IFormFile File);
