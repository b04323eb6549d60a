using CvTailor.Api.Generation.Model;

namespace CvTailor.Api.Generation.Grounding;

/// <summary>Everything an output may state facts from: the person's artifacts and profile, and the target company and role.</summary>
public sealed record GroundingSource(
    IReadOnlyList<ArtifactDocument> Artifacts, UserProfile Profile, string CompanyName = "", string RoleTitle = "");
