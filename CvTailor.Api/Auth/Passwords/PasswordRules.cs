using System.Reflection;

namespace CvTailor.Api.Auth.Passwords;

/// <summary>
/// Django's default password validators, in settings order and with their messages: minimum length 8, not a common
/// password, not entirely numeric. (The user-attribute similarity validator is left out: in the original it never
/// saw the user's attributes on register, so it never fired.)
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 8;
    public const string TooShort = "This password is too short. It must contain at least 8 characters.";
    public const string TooCommon = "This password is too common.";
    public const string EntirelyNumeric = "This password is entirely numeric.";

    static readonly Lazy<HashSet<string>> s_common = new(LoadCommonPasswords);

    public static IReadOnlyList<string> Validate(string password)
    {
        var errors = new List<string>();
        if (password.Length < MinimumLength)
        {
            errors.Add(TooShort);
        }
        if (s_common.Value.Contains(password.Trim().ToLowerInvariant()))
        {
            errors.Add(TooCommon);
        }
        if (password.Length > 0 && password.All(char.IsDigit))
        {
            errors.Add(EntirelyNumeric);
        }
        return errors;
    }

    static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CvTailor.Api.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                set.Add(entry.ToLowerInvariant());
            }
        }
        return set;
    }
}
