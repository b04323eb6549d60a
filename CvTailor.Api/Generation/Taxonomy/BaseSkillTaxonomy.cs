namespace CvTailor.Api.Generation.Taxonomy;

/// <summary>
/// The taxonomy the Api starts from before the database's rows extend it: the shipped one unless a service
/// registration says otherwise. Evaluations register a reduced one (aliases held out) to measure postings worded in
/// ways the taxonomy has never seen, through the same endpoints users call.
/// </summary>
/// <param name="Taxonomy">The base taxonomy.</param>
/// <param name="Name">Part of the taxonomy version, so parses cached under another base are not reused.</param>
public sealed record BaseSkillTaxonomy(SkillTaxonomy Taxonomy, string Name);
