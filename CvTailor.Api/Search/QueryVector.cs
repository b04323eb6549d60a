namespace CvTailor.Api.Search;

/// <summary>A query's vector at the model's native width, and the model that made it.</summary>
public sealed record QueryVector(string Model, float[] Vector);
