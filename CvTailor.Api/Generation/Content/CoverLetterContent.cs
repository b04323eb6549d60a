namespace CvTailor.Api.Generation.Content;

/// <summary>
/// The cover letter's content JSON (the original had none; this shape is ours and documented in docs):
/// addressee, salutation, opening, body paragraphs, the 2–3 pieces of evidence cited (with links), closing and
/// signature, plus the assembled plain text. <c>gap_statement</c> names must-haves the person lacks (empty when
/// none); it is the only part allowed to name skills the artifacts do not evidence.
/// </summary>
public sealed record CoverLetterContent(
    string DocumentType,
    string CompanyName,
    string RoleTitle,
    string Salutation,
    string Opening,
    IReadOnlyList<string> BodyParagraphs,
    IReadOnlyList<CoverLetterEvidence> Evidence,
    string GapStatement,
    string Closing,
    string SignOff,
    string Signature,
    string FullText);

/// <summary>A piece of evidence the letter cites: the artifact, its link and the sentence quoted from it.</summary>
public sealed record CoverLetterEvidence(string ArtifactId, string ArtifactTitle, string Url, string LinkDescription, string Highlight);
