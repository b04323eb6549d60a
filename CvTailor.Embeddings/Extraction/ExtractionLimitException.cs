namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// A file over an extraction limit (a decompression bomb, too many pages, too slow). Unlike a merely unreadable file,
/// which is skipped, this fails the artifact's job at once, without retries, with <see cref="Exception.Message"/> as
/// the reason the owner sees in the artifact's processing status.
/// </summary>
public sealed class ExtractionLimitException : Exception
{
    public ExtractionLimitException()
    {
    }

    public ExtractionLimitException(string message) : base(message)
    {
    }

    public ExtractionLimitException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
