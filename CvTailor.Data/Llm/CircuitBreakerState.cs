using CvTailor.Data.Schema;

namespace CvTailor.Data.Llm;

/// <summary><c>circuit_breaker_states</c>: per model, the circuit breaker guarding calls to it.</summary>
public class CircuitBreakerState : IAutoUpdatedAt
{
    public string ModelName { get; set; } = "";
    public int FailureCount { get; set; }
    public DateTime? LastFailure { get; set; }
    /// <summary>closed, open or half_open.</summary>
    public string State { get; set; } = "closed";
    public int FailureThreshold { get; set; } = 5;
    /// <summary>Seconds the circuit stays open.</summary>
    public int TimeoutDuration { get; set; } = 30;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
