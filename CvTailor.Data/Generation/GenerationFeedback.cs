namespace CvTailor.Data.Generation;

/// <summary><c>generation_generationfeedback</c>: a user's rating or comment on a generated document.</summary>
public class GenerationFeedback
{
    public int Id { get; set; }
    /// <summary>rating, edit, complaint or suggestion.</summary>
    public string FeedbackType { get; set; } = "";
    /// <summary>JSON object, e.g. <c>{"rating": 8, "feedback": "…"}</c>.</summary>
    public string FeedbackData { get; set; } = "{}";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public Guid GenerationId { get; set; }

    public GeneratedDocument? Generation { get; set; }
}
