using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// Field readers with DRF's coercions and messages, over a JSON object (a form is turned into one by
/// <see cref="RequestFields"/>). Each <c>TryRead…</c> returns true only when the field is present and valid; an invalid
/// or missing-but-required field adds its DRF message to <paramref name="errors"/>. Callers validate everything first
/// and write nothing while <see cref="FieldErrors.HasErrors"/> is true.
/// </summary>
public static class DrfFields
{
    public const string Required = "This field is required.";
    public const string NotNull = "This field may not be null.";
    public const string NotBlank = "This field may not be blank.";
    public const string InvalidString = "Not a valid string.";
    public const string InvalidEmail = "Enter a valid email address.";
    public const string InvalidUrl = "Enter a valid URL.";
    public const string InvalidInteger = "A valid integer is required.";
    public const string InvalidBoolean = "Must be a valid boolean.";
    public const string InvalidDate = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";
    public static string MaxLength(int max) => $"Ensure this field has no more than {max} characters.";
    public static string MaxValue(long max) => $"Ensure this value is less than or equal to {max}.";
    public static string MinValue(long min) => $"Ensure this value is greater than or equal to {min}.";
    public static string InvalidChoice(string value) => $"\"{value}\" is not a valid choice.";
    public static string ExpectedList(string type) => $"Expected a list of items but got type \"{type}\".";
    public static string ExpectedDictionary(string type) => $"Expected a dictionary of items but got type \"{type}\".";

    static readonly string[] s_trueValues = ["true", "True", "TRUE", "t", "T", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON", "1"];
    static readonly string[] s_falseValues = ["false", "False", "FALSE", "f", "F", "no", "No", "NO", "n", "N", "off", "Off", "OFF", "0"];

    /// <summary>True when the key is present (even with a null value).</summary>
    public static bool Has(this JsonObject body, string name) => body.ContainsKey(name);

    /// <summary>A DRF <c>CharField</c>: strings, numbers (stringified); trimmed unless <paramref name="trim"/> is false.</summary>
    public static bool TryReadString(this JsonObject body, string name, FieldErrors errors, out string value,
        bool required = false, bool allowBlank = true, int? maxLength = null, bool trim = true, bool allowNull = false)
    {
        value = "";
        if (!body.TryGetPropertyValue(name, out var node))
        {
            if (required)
            {
                errors.Add(name, Required);
            }
            return false;
        }
        if (node is null)
        {
            if (!allowNull)
            {
                errors.Add(name, NotNull);
            }
            return allowNull;
        }
        if (node is not JsonValue scalar)
        {
            errors.Add(name, InvalidString);
            return false;
        }
        string? text = scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.Number => scalar.ToJsonString(),
            _ => null,
        };
        if (text is null)
        {
            errors.Add(name, InvalidString);
            return false;
        }
        if (trim)
        {
            text = text.Trim();
        }
        if (text.Length == 0 && !allowBlank)
        {
            errors.Add(name, NotBlank);
            return false;
        }
        if (maxLength is { } max && text.Length > max)
        {
            errors.Add(name, MaxLength(max));
            return false;
        }
        value = text;
        return true;
    }

    /// <summary>A DRF <c>EmailField</c> (a CharField whose non-blank value must look like an email address).</summary>
    public static bool TryReadEmail(this JsonObject body, string name, FieldErrors errors, out string value,
        bool required = false, bool allowBlank = false, int? maxLength = 254)
    {
        if (!body.TryReadString(name, errors, out value, required, allowBlank, maxLength))
        {
            return false;
        }
        if (value.Length > 0 && !IsValidEmail(value))
        {
            errors.Add(name, InvalidEmail);
            return false;
        }
        return true;
    }

    /// <summary>A DRF <c>URLField</c>: http(s)/ftp(s) URLs with a host; blank allowed when <paramref name="allowBlank"/>.</summary>
    public static bool TryReadUrl(this JsonObject body, string name, FieldErrors errors, out string value,
        bool required = false, bool allowBlank = true, int maxLength = 200)
    {
        if (!body.TryReadString(name, errors, out value, required, allowBlank, maxLength))
        {
            return false;
        }
        if (value.Length > 0 && !IsValidUrl(value))
        {
            errors.Add(name, InvalidUrl);
            return false;
        }
        return true;
    }

    /// <summary>A DRF <c>IntegerField</c>: integers, integral floats and integer strings.</summary>
    public static bool TryReadInt(this JsonObject body, string name, FieldErrors errors, out int value,
        bool required = false, long min = int.MinValue, long max = int.MaxValue)
    {
        value = 0;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            if (required)
            {
                errors.Add(name, Required);
            }
            return false;
        }
        if (node is null)
        {
            errors.Add(name, NotNull);
            return false;
        }
        long parsed;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l))
        {
            parsed = l;
        }
        else if (node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var dbl)
                 && Math.Abs(dbl % 1) < double.Epsilon && dbl is >= long.MinValue and <= long.MaxValue)
        {
            parsed = (long)dbl;
        }
        else if (node is JsonValue s && s.GetValueKind() == JsonValueKind.String
                 && s.GetValue<string>() is { Length: <= 1000 } text
                 && long.TryParse(StripDecimalZeros(text.Trim()), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fromText))
        {
            parsed = fromText;
        }
        else
        {
            errors.Add(name, InvalidInteger);
            return false;
        }
        if (parsed > max)
        {
            errors.Add(name, MaxValue(max));
            return false;
        }
        if (parsed < min)
        {
            errors.Add(name, MinValue(min));
            return false;
        }
        value = (int)parsed;
        return true;
    }

    /// <summary>A DRF <c>BooleanField</c>: JSON booleans, 0/1, and DRF's accepted strings.</summary>
    public static bool TryReadBool(this JsonObject body, string name, FieldErrors errors, out bool value, bool required = false)
    {
        value = false;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            if (required)
            {
                errors.Add(name, Required);
            }
            return false;
        }
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True:
                    value = true;
                    return true;
                case JsonValueKind.False:
                    return true;
                case JsonValueKind.Number when v.TryGetValue<double>(out var n) && (n == 0 || n == 1):
                    value = n == 1;
                    return true;
                case JsonValueKind.String:
                    var text = v.GetValue<string>();
                    if (s_trueValues.Contains(text, StringComparer.Ordinal))
                    {
                        value = true;
                        return true;
                    }
                    if (s_falseValues.Contains(text, StringComparer.Ordinal))
                    {
                        return true;
                    }
                    break;
            }
        }
        errors.Add(name, node is null ? NotNull : InvalidBoolean);
        return false;
    }

    /// <summary>A DRF <c>DateField</c> (<c>YYYY-MM-DD</c>); null allowed when <paramref name="allowNull"/>.</summary>
    public static bool TryReadDate(this JsonObject body, string name, FieldErrors errors, out DateOnly? value,
        bool required = false, bool allowNull = true)
    {
        value = null;
        if (!body.TryGetPropertyValue(name, out var node))
        {
            if (required)
            {
                errors.Add(name, Required);
            }
            return false;
        }
        if (node is null)
        {
            if (!allowNull)
            {
                errors.Add(name, NotNull);
            }
            return allowNull;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date;
            return true;
        }
        errors.Add(name, InvalidDate);
        return false;
    }

    /// <summary>A DRF <c>ChoiceField</c> over strings.</summary>
    public static bool TryReadChoice(this JsonObject body, string name, FieldErrors errors, IReadOnlyCollection<string> choices,
        out string value, bool required = false)
    {
        if (!body.TryReadString(name, errors, out value, required, allowBlank: true, trim: false))
        {
            return false;
        }
        if (!choices.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(name, InvalidChoice(value));
            return false;
        }
        return true;
    }

    /// <summary>Python's type name for a JSON value, as DRF puts it into "Expected … but got type" messages.</summary>
    public static string PythonTypeName(JsonNode? node) => node switch
    {
        null => "NoneType",
        JsonObject => "dict",
        JsonArray => "list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "str",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Number => v.TryGetValue<long>(out _) ? "int" : "float",
            _ => "NoneType",
        },
        _ => "object",
    };

    public static bool IsValidEmail(string value)
    {
        // Django's EmailValidator in spirit: one '@', a non-empty local part, a dotted domain (or localhost), no spaces.
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.Any(char.IsWhiteSpace) || value.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }
        var domain = value[(at + 1)..];
        if (domain != "localhost" && (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.')
                                      || domain.Contains("..", StringComparison.Ordinal)))
        {
            return false;
        }
        return MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }

    public static bool IsValidUrl(string value)
    {
        if (value.Length > 2048 || value.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https" or "ftp" or "ftps")
            || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }
        // Like Django's URLValidator: a dotted host name, localhost, or an IP address.
        return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
               || uri.Host == "localhost"
               || (uri.Host.Contains('.', StringComparison.Ordinal) && !uri.Host.EndsWith('.'));
    }

    static string StripDecimalZeros(string text)
    {
        // DRF's IntegerField accepts "5.0" and "5.000" (it strips a trailing ".0*").
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot >= 0 && text[(dot + 1)..].All(c => c == '0') ? text[..dot] : text;
    }
}
