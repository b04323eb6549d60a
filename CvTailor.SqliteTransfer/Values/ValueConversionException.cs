namespace CvTailor.SqliteTransfer.Values;

/// <summary>A source value that cannot be stored in its target column without changing it.</summary>
public sealed class ValueConversionException(string message) : Exception(message);
