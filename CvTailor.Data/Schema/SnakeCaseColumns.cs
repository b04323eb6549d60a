using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CvTailor.Data.Schema;

/// <summary>
/// Names every column the snake_case of its property (<c>LinkedinUrl</c> → <c>linkedin_url</c>), Django's column
/// names, unless a configuration named the column explicitly.
/// </summary>
public static class SnakeCaseColumns
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()))
        {
            if (((IConventionProperty)property).GetColumnNameConfigurationSource() != ConfigurationSource.Explicit)
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    /// <summary>Underscore before each capital that follows a lower-case letter or digit, then lower-case.</summary>
    public static string ToSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                result.Append('_');
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
