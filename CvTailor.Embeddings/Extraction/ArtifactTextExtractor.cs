using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CvTailor.Data.Artifacts;
using CvTailor.Data.Files;
using CvTailor.Embeddings.Telemetry;
using Microsoft.Extensions.Options;

namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// Everything of an artifact that gets embedded: its title, description and technologies; the descriptions of its
/// evidence links; and the text of attached files (PDF, DOCX, Markdown, plain text) from the storage root. A file
/// that cannot be read is skipped and reported in <see cref="ArtifactText.Errors"/>, so one bad upload does not
/// keep the rest of the artifact out of search. A file over an extraction limit (decompression bomb, too many pages,
/// too slow) is different: <see cref="ExtractionLimitException"/> propagates and fails the job with its reason.
/// </summary>
public sealed class ArtifactTextExtractor
{
    readonly ExtractionOptions _options;
    readonly StorageRoot _root;

    public ArtifactTextExtractor(IOptions<ExtractionOptions> options, IOptions<StorageOptions> storage, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        _root = new StorageRoot(storage.Value, environment.ContentRootPath);
    }

    /// <summary>The absolute storage root files are read from.</summary>
    public string StorageRoot => _root.FullPath;

    public ArtifactText Extract(Artifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        using var activity = EmbeddingMetrics.ActivitySource.StartActivity(TelemetryNames.Spans.Extraction);
        activity?.SetTag(TelemetryNames.Attributes.ArtifactId, artifact.Id);

        var sources = new List<ExtractedSource> { FieldsOf(artifact) };
        var errors = new List<string>();
        foreach (var link in artifact.EvidenceLinks.OrderBy(l => l.Id))
        {
            var description = ParagraphSplitter.Collapse(link.Description).Trim();
            if (description.Length > 0)
            {
                var label = string.IsNullOrWhiteSpace(link.LinkType) ? "Evidence" : $"Evidence ({link.LinkType})";
                sources.Add(new ExtractedSource(
                    $"evidence:{link.Id.ToString(CultureInfo.InvariantCulture)}", "evidence",
                    [new TextBlock(artifact.Title, $"{label}: {description}")]));
            }
            if (!string.IsNullOrEmpty(link.FilePath))
            {
                try
                {
                    if (ExtractFile(link) is { } file)
                    {
                        sources.Add(file);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException
                                               or FormatException or InvalidOperationException or ArgumentException
                                               or NotSupportedException or UglyToad.PdfPig.Core.PdfDocumentFormatException
                                               or System.Xml.XmlException)
                {
                    errors.Add($"{link.FilePath}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        activity?.SetTag("cvtailor.extraction.sources", sources.Count);
        return new ArtifactText(sources, errors);
    }

    static ExtractedSource FieldsOf(Artifact artifact)
    {
        var heading = ParagraphSplitter.Collapse(artifact.Title).Trim();
        var blocks = new List<TextBlock>();
        foreach (var paragraph in ParagraphSplitter.Split(artifact.Description))
        {
            blocks.Add(new TextBlock(heading, paragraph));
        }
        var technologies = ReadStrings(artifact.Technologies);
        if (technologies.Count > 0)
        {
            blocks.Add(new TextBlock(heading, "Technologies: " + string.Join(", ", technologies)));
        }
        if (blocks.Count == 0)
        {
            // A bare title still deserves a vector.
            blocks.Add(new TextBlock(null, heading.Length > 0 ? heading : artifact.ArtifactType));
        }
        return new ExtractedSource("artifact", "fields", blocks);
    }

    ExtractedSource? ExtractFile(EvidenceLink link)
    {
        var path = _root.Resolve(link.FilePath)
            ?? throw new InvalidDataException("the path leaves the storage root");
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException("not found in the storage root");
        }
        if (info.Length > _options.MaxFileBytes)
        {
            throw new InvalidDataException($"{info.Length} bytes is over the {_options.MaxFileBytes}-byte limit");
        }

        if (KindOf(link.FilePath, link.MimeType) is not { } kind)
        {
            return null;
        }
        var name = DisplayName(link);
        var blocks = kind switch
        {
            "pdf" => PdfTextExtractor.Extract(path, name, _options.MaxCharactersPerFile, _options),
            "docx" => DocxTextExtractor.Extract(path, name, _options.MaxCharactersPerFile, _options),
            "markdown" => MarkdownTextExtractor.Extract(ReadText(path), markdown: true),
            "text" => MarkdownTextExtractor.Extract(ReadText(path), markdown: false),
            _ => [],
        };
        return new ExtractedSource($"file:{link.FilePath}", kind, blocks);
    }

    /// <summary>The name the owner gave the file (the Api describes upload links as "Uploaded file: NAME"), else the stored name.</summary>
    static string DisplayName(EvidenceLink link)
    {
        const string UploadPrefix = "Uploaded file: ";
        return link.Description.StartsWith(UploadPrefix, StringComparison.Ordinal) && link.Description.Length > UploadPrefix.Length
            ? link.Description[UploadPrefix.Length..]
            : Path.GetFileName(link.FilePath);
    }

    string ReadText(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[_options.MaxCharactersPerFile];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    /// <summary>pdf, docx, markdown, text, or null for files we do not read (images, archives, …).</summary>
    public static string? KindOf(string path, string? mimeType)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".pdf" => "pdf",
            ".docx" => "docx",
            ".md" or ".markdown" => "markdown",
            ".txt" or ".text" => "text",
            _ => mimeType switch
            {
                "application/pdf" => "pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
                "text/markdown" => "markdown",
                "text/plain" => "text",
                _ => null,
            },
        };
    }

    static List<string> ReadStrings(string json)
    {
        var values = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } value)
                    {
                        values.Add(ParagraphSplitter.Collapse(value).Trim());
                    }
                }
            }
        }
        catch (JsonException)
        {
            Debug.WriteLine("technologies is not JSON; ignored");
        }
        return values;
    }
}

/// <summary>The extracted sources of one artifact, and the files that could not be read.</summary>
public sealed record ArtifactText(IReadOnlyList<ExtractedSource> Sources, IReadOnlyList<string> Errors);
