using System.Text;
using CvTailor.Api.Export.Layout;
using CvTailor.Api.Export.Renderers;
using CvTailor.Api.Generation.Content;

namespace CvTailor.Api.Export;

/// <summary>
/// Writes a generated CV or cover letter in any <see cref="ExportFormat"/>. Stateless apart from the resolved fonts;
/// one instance can serve concurrent exports.
/// </summary>
public sealed class DocumentExporter(PdfFontSet fonts)
{
    readonly PdfRenderer _pdf = new(fonts);
    readonly DocxRenderer _docx = new();
    readonly MarkdownRenderer _markdown = new();
    readonly JsonResumeRenderer _jsonResume = new();

    public void ExportCv(CvContent cv, PersonalInfo person, ExportFormat format, ExportOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (format == ExportFormat.JsonResume)
        {
            WriteText(_jsonResume.Render(cv, person, options), output);
            return;
        }

        Write(DocumentBuilder.ForCv(cv, person, options), format, options, output);
    }

    public void ExportCoverLetter(CoverLetterContent letter, PersonalInfo person, ExportFormat format, ExportOptions options, Stream output)
    {
        if (format == ExportFormat.JsonResume)
        {
            throw new NotSupportedException("JSON Resume describes CVs; export a cover letter as PDF, DOCX or Markdown.");
        }

        Write(DocumentBuilder.ForCoverLetter(letter, person, options), format, options, output);
    }

    void Write(RenderDocument document, ExportFormat format, ExportOptions options, Stream output)
    {
        switch (format)
        {
            case ExportFormat.Pdf:
                _pdf.Render(document, options, output);
                break;
            case ExportFormat.Docx:
                _docx.Render(document, options, output);
                break;
            case ExportFormat.Markdown:
                WriteText(_markdown.Render(document), output);
                break;
            case ExportFormat.JsonResume:
            default:
                throw new NotSupportedException(format.ToString());
        }
    }

    static void WriteText(string text, Stream output)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        output.Write(bytes);
    }
}
