namespace CvTailor.Api.Search;

/// <summary>Feature flags of the search area (<c>FeatureManagement:&lt;name&gt;</c>).</summary>
public static class SearchFeatures
{
    /// <summary>On (default): vector search. Off: PostgreSQL full-text search, the migration plan's rollback.</summary>
    public const string VectorSearch = "VectorSearch";
}
