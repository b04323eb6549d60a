using System.Security.Cryptography;
using System.Text;

namespace CvTailor.Embeddings.Worker;

/// <summary>SHA-256 hex hashes: of a chunk's text (the contract's <c>content_hash</c>) and of an artifact's whole embedded content.</summary>
public static class ContentHashes
{
    public static string OfText(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Covers the model, its width and every chunk in order, so any change to either means re-embedding.</summary>
    public static string OfArtifact(string modelId, int dimensions, IEnumerable<string> chunkHashes) =>
        OfText($"{modelId}\n{dimensions}\n{string.Join('\n', chunkHashes)}");
}
