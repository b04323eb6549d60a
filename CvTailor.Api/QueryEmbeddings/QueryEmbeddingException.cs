namespace CvTailor.Api.QueryEmbeddings;

/// <summary>
/// The embeddings endpoint could not give vectors (unreachable, too slow, an error answer, an unusable body, or no
/// endpoint/model configured). Callers apply their own policy: search answers from full text, matching ranks
/// without semantics.
/// </summary>
public sealed class QueryEmbeddingException : Exception
{
    public QueryEmbeddingException()
    {
    }

    public QueryEmbeddingException(string message) : base(message)
    {
    }

    public QueryEmbeddingException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
