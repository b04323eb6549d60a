namespace CvTailor.Data.Llm;

/// <summary><c>model_cost_tracking</c>: per user, day and model, the LLM spend.</summary>
public class ModelCostTracking
{
    public long Id { get; set; }
    public DateOnly Date { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow);
    public string ModelName { get; set; } = "";
    public decimal TotalCostUsd { get; set; }
    public int GenerationCount { get; set; }
    public decimal AvgCostPerGeneration { get; set; }
    public long TotalTokensUsed { get; set; }
    public int AvgTokensPerGeneration { get; set; }
    public long UserId { get; set; }
}
