using System.Globalization;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>Where export files live in the storage root (the contract's <c>exports/cv_&lt;userId&gt;_&lt;exportUuid&gt;.&lt;ext&gt;</c>).</summary>
public static class ExportFiles
{
    public const string Folder = "exports";

    public static string RelativePath(long userId, Guid exportId, ExportFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Folder}/cv_{userId}_{exportId:D}.{ExportFormats.Extension(format)}");
}
