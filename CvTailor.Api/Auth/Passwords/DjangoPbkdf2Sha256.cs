using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CvTailor.Api.Auth.Passwords;

/// <summary>
/// Django's default hasher format, <c>pbkdf2_sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;base64 hash&gt;</c>:
/// PBKDF2-HMAC-SHA256 over the UTF-8 password with the salt's UTF-8 bytes, 32-byte key, standard base64.
/// Only verified here (imported users); new hashes use ASP.NET Core Identity's format.
/// </summary>
public static class DjangoPbkdf2Sha256
{
    public const string Prefix = "pbkdf2_sha256$";

    /// <summary>Refuses absurd iteration counts so a crafted hash cannot tie up a core.</summary>
    const int MaxIterations = 10_000_000;

    public static bool IsDjangoHash(string encoded) => encoded.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool Verify(string encoded, string password)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2_sha256"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations
            || parts[2].Length == 0)
        {
            return false;
        }
        byte[] expected;
        try
        {
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        if (expected.Length == 0)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
