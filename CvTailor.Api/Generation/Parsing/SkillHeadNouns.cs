using System.Collections.Frozen;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>
/// Nouns that end the name of a skill, a practice, a body of knowledge or a qualification ("… testing", "… modelling",
/// "… standards", "… sector", "… degree"). A phrase of a posting that ends in one of them can be a screening keyword.
/// Compared as written (lower-cased), not stemmed: stems conflate heads that must stay apart ("communities" and
/// "communication" share one).
/// </summary>
internal static class SkillHeadNouns
{
    static readonly FrozenSet<string> Words = new[]
    {
        // practices and disciplines
        "design", "designs", "management", "analysis", "analyses", "analytics", "testing", "tests", "modelling", "modeling",
        "models", "optimisation", "optimization", "engineering", "research", "development", "architecture", "architectures",
        "programming", "learning", "training", "mapping", "planning", "monitoring", "security", "infrastructure",
        "operations", "automation", "integration", "integrations", "deployment", "deployments", "delivery", "reporting",
        "forecasting", "classification", "extraction", "evaluation", "governance", "strategy", "administration",
        "writing", "communication", "leadership", "processing", "recovery", "migration", "migrations", "experimentation",
        "experiments", "tooling", "orchestration", "containerisation", "containerization", "virtualisation",
        "virtualization", "storage", "caching", "messaging", "streaming", "search", "retrieval", "generation",
        "translation", "recognition", "detection", "segmentation", "annotation", "labelling", "labeling", "ranking",
        "recommendation", "recommendations", "personalisation", "personalization", "attribution", "onboarding",
        "retention", "acquisition", "growth", "coaching", "mentoring", "facilitation", "negotiation", "procurement",
        "logistics", "manufacturing", "marketing", "pricing", "accounting", "auditing", "audit", "audits", "regulation",
        "statistics", "inference", "mathematics", "science", "visualisation", "visualization", "dashboards", "querying",
        "scripting", "debugging", "profiling", "tuning", "hardening", "encryption", "authentication", "authorisation",
        "authorization", "networking", "observability", "scaling", "performance", "reliability", "accessibility",
        "usability", "discovery", "prototyping", "selection", "compliance", "control", "controls", "hygiene", "test",
        "programme", "programmes", "program", "programs",
        // things a skill is about
        "store", "stores", "pipeline", "pipelines", "platform", "platforms", "systems", "databases", "database",
        "frameworks", "framework", "languages", "language", "protocols", "protocol", "apis", "tools", "stack",
        "methods", "methodology", "methodologies", "techniques", "practices", "principles", "patterns",
        // qualifications and domains
        "standards", "standard", "degree", "certification", "certifications", "qualification", "licence", "license",
        "sector", "industry", "industries", "domain", "literacy", "fluency", "proficiency",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string word) => Words.Contains(word);
}
