namespace CvTailor.Data.Llm;

/// <summary><c>model_performance_metrics</c>: one LLM/embedding call's latency, tokens, cost and outcome.</summary>
public class ModelPerformanceMetric
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string ModelName { get; set; } = "";
    /// <summary>job_parsing, cv_generation, embedding or similarity_search.</summary>
    public string TaskType { get; set; } = "";
    public int ProcessingTimeMs { get; set; }
    public int TokensUsed { get; set; }
    public decimal CostUsd { get; set; }
    public decimal? QualityScore { get; set; }
    public bool Success { get; set; } = true;
    public decimal? ComplexityScore { get; set; }
    public string SelectionStrategy { get; set; } = "balanced";
    public bool FallbackUsed { get; set; }
    public string Metadata { get; set; } = "{}";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public long? UserId { get; set; }
}
