using System.Globalization;
using System.Text.Json.Nodes;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// The contract's PDF metadata of a stored file: <c>title, author, subject, creator, producer, creation_date,
/// modification_date, page_count, first_page_text</c> (≤ 1000 characters), or <c>{error}</c> when it cannot be read.
/// Dates are ISO-8601 when the PDF date parses, else the raw string.
/// </summary>
public static class PdfMetadataReader
{
    public const int FirstPageTextLimit = 1000;

    public static JsonObject Read(string path)
    {
        try
        {
            using var document = PdfDocument.Open(path);
            var info = document.Information;
            var firstPage = document.NumberOfPages > 0 ? document.GetPage(1).Text : "";
            return new JsonObject
            {
                ["title"] = info.Title,
                ["author"] = info.Author,
                ["subject"] = info.Subject,
                ["creator"] = info.Creator,
                ["producer"] = info.Producer,
                ["creation_date"] = Date(info.CreationDate, info.GetCreatedDateTimeOffset()),
                ["modification_date"] = Date(info.ModifiedDate, info.GetModifiedDateTimeOffset()),
                ["page_count"] = document.NumberOfPages,
                ["first_page_text"] = firstPage.Length > FirstPageTextLimit ? firstPage[..FirstPageTextLimit] : firstPage,
            };
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or IOException or InvalidOperationException or ArgumentException
                                       or NotSupportedException or FormatException or IndexOutOfRangeException or InvalidCastException)
        {
            return new JsonObject { ["error"] = $"The PDF could not be read ({ex.GetType().Name})." };
        }
    }

    static string? Date(string? raw, DateTimeOffset? parsed) =>
        parsed is { } value ? value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : raw;
}
