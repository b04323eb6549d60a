using System.Text;

namespace CvTailor.SentenceEncoder;

/// <summary>
/// The tokenizer depends on NFKC. Under invariant globalization (no ICU) .NET leaves compatibility characters
/// unchanged, which silently changes tokens and vectors, so the service refuses to start instead.
/// </summary>
public static class UnicodeNormalizationCheck
{
    public static bool IsAvailable()
    {
        try
        {
            // Full-width letters, the ellipsis, a ligature and NBSP all change under NFKC.
            return "\uFF21\u2026\uFB01\u00A0".Normalize(NormalizationForm.FormKC) == "A...fi ";
        }
        catch (PlatformNotSupportedException)
        {
            return false;
        }
    }

    public static void EnsureAvailable()
    {
        if (!IsAvailable())
        {
            throw new InvalidOperationException(
                "Unicode NFKC normalization is unavailable (invariant globalization or ICU missing). The local " +
                "sentence encoder's tokenizer needs it: install ICU (Debian: libicu) and do not set " +
                "InvariantGlobalization or DOTNET_SYSTEM_GLOBALIZATION_INVARIANT.");
        }
    }
}
