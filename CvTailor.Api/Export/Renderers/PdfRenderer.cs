using CvTailor.Api.Export.Layout;
using SkiaSharp;

namespace CvTailor.Api.Export.Renderers;

/// <summary>
/// Renders a <see cref="RenderDocument"/> to a text-based PDF with SkiaSharp's PDF backend: one column, embedded
/// (subset) fonts, selectable text, real link annotations, and title/author/subject/keywords metadata. The export
/// template's <see cref="TemplateStyle"/> picks the font family, accent colour, heading style and header alignment.
/// </summary>
public sealed class PdfRenderer(PdfFontSet fonts)
{
    public void Render(RenderDocument document, ExportOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Title,
            Author = document.Author,
            Subject = document.Subject,
            Keywords = string.Join(", ", document.Keywords.Where(k => k.Length > 0)),
            Creator = "CV Tailor",
            Producer = "CV Tailor (SkiaSharp)",
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
        if (options.CreatedAt is { } created)
        {
            metadata.Creation = created.UtcDateTime;
            metadata.Modified = created.UtcDateTime;
        }

        using var pdf = SKDocument.CreatePdf(output, metadata);
        var writer = new PageWriter(pdf, fonts, options);
        foreach (var block in document.Blocks)
        {
            writer.Write(block);
        }

        writer.Finish();
        pdf.Close();
    }

    /// <summary>Flows blocks onto pages, top to bottom.</summary>
    sealed class PageWriter(SKDocument pdf, PdfFontSet fonts, ExportOptions options)
    {
        readonly TemplateStyle _style = options.Style;
        readonly SKTypeface _regular = fonts.For(options.Style.Font).Regular;
        readonly SKTypeface _bold = fonts.For(options.Style.Font).Bold;
        readonly float _width = options.PageSize == PageSize.A4 ? 595.28f : 612f;
        readonly float _height = options.PageSize == PageSize.A4 ? 841.89f : 792f;
        readonly float _margin = options.PageMargins switch
        {
            PageMargins.Narrow => 36f,
            PageMargins.Wide => 90f,
            _ => 72f,
        };

        readonly float _size = Math.Clamp(options.FontSize, 10, 14);
        readonly SKColor _text = SKColors.Black;
        readonly SKColor _subtle = new(0x55, 0x55, 0x55);
        readonly SKColor _accent = options.ColorScheme == ColorScheme.Monochrome ? SKColors.Black : Rgb(options.Style.AccentColor);
        readonly SKColor _link = options.ColorScheme switch
        {
            ColorScheme.Monochrome => SKColors.Black,
            ColorScheme.Accent => Rgb(options.Style.AccentColor),
            _ => new SKColor(0x05, 0x63, 0xC1),
        };

        SKCanvas? _canvas;
        float _y;

        float ContentWidth => _width - (2 * _margin);

        bool HeaderCentred => _style.HeaderLayout == HeaderLayout.Centered;

        static SKColor Rgb(string hex) => SKColor.Parse(hex);

        public void Write(Block block)
        {
            switch (block)
            {
                case NameBlock name:
                    WriteLines([new Span(name.Text, SpanStyle.Bold)], _size + 7, centred: HeaderCentred, indent: 0, spaceAfter: 4, nameColor: true);
                    break;
                case ContactBlock contact:
                    WriteLines(contact.Spans, _size - 1, centred: HeaderCentred, indent: 0, spaceAfter: 2);
                    break;
                case HeadingBlock heading:
                    WriteHeading(heading.Text);
                    break;
                case ParagraphBlock { IsBullet: true } bullet:
                    WriteLines(bullet.Spans, _size, centred: false, indent: 14, spaceAfter: 2, bullet: true);
                    break;
                case ParagraphBlock paragraph:
                    WriteLines(paragraph.Spans, _size, centred: false, indent: 0, spaceAfter: 3);
                    break;
                case QrBlock qr:
                    WriteQr(qr);
                    break;
                default:
                    throw new NotSupportedException(block.GetType().Name);
            }
        }

        public void Finish()
        {
            if (_canvas is not null)
            {
                EndPage();
            }
        }

        void EnsureSpace(float needed)
        {
            if (_canvas is null)
            {
                NewPage();
            }
            else if (_y + needed > _height - _margin)
            {
                EndPage();
                NewPage();
            }
        }

        void NewPage()
        {
            _canvas = pdf.BeginPage(_width, _height);
            _y = _margin;
        }

        void EndPage()
        {
            if (options.Watermark is { } watermark && _canvas is not null)
            {
                using var font = new SKFont(_bold, 60);
                var alpha = (byte)(Math.Clamp(watermark.Opacity, 0.1, 0.5) * 255);
                using var paint = new SKPaint { Color = new SKColor(0x99, 0x99, 0x99, alpha), IsAntialias = true };
                _canvas.Save();
                _canvas.Translate(_width / 2, _height / 2);
                _canvas.RotateDegrees(-45);
                _canvas.DrawText(watermark.Text, 0, 0, SKTextAlign.Center, font, paint);
                _canvas.Restore();
            }

            pdf.EndPage();
            _canvas = null;
        }

        void WriteHeading(string text)
        {
            var size = _size + 2;
            // Keep a heading with at least two lines of what follows.
            EnsureSpace((size * 1.4f) + 8 + (_size * 2.8f));
            _y += 8;
            using var font = new SKFont(_bold, size);
            switch (_style.HeadingStyle)
            {
                case HeadingStyle.Band:
                {
                    // White text on an accent band: the band is drawn first so the text stays extractable on top.
                    using var band = new SKPaint { Color = _accent, IsAntialias = true };
                    _canvas!.DrawRect(new SKRect(_margin, _y, _width - _margin, _y + size + 6), band);
                    using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
                    _y += size + 1;
                    _canvas.DrawText(text, _margin + 4, _y, SKTextAlign.Left, font, white);
                    _y += 11;
                    return;
                }

                case HeadingStyle.AccentRule:
                case HeadingStyle.Caps:
                {
                    using var paint = new SKPaint { Color = _accent, IsAntialias = true };
                    _y += size;
                    var shown = _style.HeadingStyle == HeadingStyle.Caps ? text.ToUpperInvariant() : text;
                    _canvas!.DrawText(shown, _margin, _y, SKTextAlign.Left, font, paint);
                    _y += 4;
                    var width = _style.HeadingStyle == HeadingStyle.AccentRule ? 1.5f : 0.5f;
                    using var rule = new SKPaint { Color = _accent, StrokeWidth = width, IsStroke = true };
                    _canvas.DrawLine(_margin, _y, _width - _margin, _y, rule);
                    _y += 6;
                    return;
                }

                case HeadingStyle.Rule:
                default:
                {
                    using var paint = new SKPaint { Color = _accent, IsAntialias = true };
                    _y += size;
                    _canvas!.DrawText(text, _margin, _y, SKTextAlign.Left, font, paint);
                    _y += 4;
                    using var rule = new SKPaint { Color = new SKColor(0xAA, 0xAA, 0xAA), StrokeWidth = 0.75f, IsStroke = true };
                    _canvas.DrawLine(_margin, _y, _width - _margin, _y, rule);
                    _y += 6;
                    return;
                }
            }
        }

        void WriteLines(IReadOnlyList<Span> spans, float size, bool centred, float indent, float spaceAfter, bool bullet = false, bool nameColor = false)
        {
            var lineHeight = size * 1.35f;
            var lines = Wrap(spans, size, ContentWidth - indent);
            for (var i = 0; i < lines.Count; i++)
            {
                EnsureSpace(lineHeight);
                _y += size;
                var line = lines[i];
                var lineWidth = line.Sum(p => p.Width);
                var x = centred ? _margin + ((ContentWidth - lineWidth) / 2) : _margin + indent;
                if (bullet && i == 0)
                {
                    using var bulletFont = new SKFont(_regular, size);
                    using var bulletPaint = new SKPaint { Color = _text, IsAntialias = true };
                    _canvas!.DrawText("•", _margin + 3, _y, SKTextAlign.Left, bulletFont, bulletPaint);
                }

                foreach (var piece in Merge(line))
                {
                    using var font = Font(piece.Style, size);
                    var color = piece.Url is not null ? _link : piece.Style == SpanStyle.Subtle ? _subtle : nameColor ? _accent : _text;
                    using var paint = new SKPaint { Color = color, IsAntialias = true };
                    _canvas!.DrawText(piece.Text, x, _y, SKTextAlign.Left, font, paint);
                    if (piece.Url is not null)
                    {
                        var rect = new SKRect(x, _y - size, x + piece.Width, _y + (size * 0.25f));
                        _canvas.DrawUrlAnnotation(rect, piece.Url);
                        if (options.ColorScheme != ColorScheme.Monochrome)
                        {
                            using var underline = new SKPaint { Color = color, StrokeWidth = 0.5f, IsStroke = true };
                            _canvas.DrawLine(x, _y + 1.5f, x + piece.TextWidth, _y + 1.5f, underline);
                        }
                    }

                    x += piece.Width;
                }

                _y += lineHeight - size;
            }

            _y += spaceAfter;
        }

        void WriteQr(QrBlock qr)
        {
            const float side = 72f;
            EnsureSpace(side + 6);
            var matrix = QrMatrix.For(qr.Url);
            var n = matrix.GetLength(0);
            var module = side / n;
            using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };
            var left = _margin + 14;
            for (var row = 0; row < n; row++)
            {
                for (var col = 0; col < n; col++)
                {
                    if (matrix[row, col])
                    {
                        _canvas!.DrawRect(left + (col * module), _y + (row * module), module, module, black);
                    }
                }
            }

            _canvas!.DrawUrlAnnotation(new SKRect(left, _y, left + side, _y + side), qr.Url);
            _y += side + 6;
        }

        /// <summary>
        /// Italic is the regular face slanted: Skia embeds whole font files (it has no subsetter here), so a third
        /// face would add about 600 KiB and a third of the rendering time to every PDF.
        /// </summary>
        SKFont Font(SpanStyle style, float size) => style switch
        {
            SpanStyle.Bold => new SKFont(_bold, size),
            SpanStyle.Italic => new SKFont(_regular, size) { SkewX = -0.2f },
            _ => new SKFont(_regular, size),
        };

        /// <summary>Breaks spans into lines of pieces (a word plus its following space), breaking over-long words.</summary>
        List<List<Piece>> Wrap(IReadOnlyList<Span> spans, float size, float width)
        {
            var lines = new List<List<Piece>>();
            var current = new List<Piece>();
            var x = 0f;
            foreach (var span in spans)
            {
                using var font = Font(span.Style, size);
                foreach (var word in SplitKeepingSpaces(span.Text))
                {
                    var text = word;
                    while (text.Length > 0)
                    {
                        var trimmed = text.TrimEnd(' ');
                        var textWidth = font.MeasureText(trimmed);
                        if (x + textWidth <= width || (current.Count == 0 && textWidth <= width))
                        {
                            current.Add(new Piece(text, span.Style, span.Url, font.MeasureText(text), textWidth));
                            x += font.MeasureText(text);
                            break;
                        }

                        if (current.Count > 0)
                        {
                            lines.Add(current);
                            current = [];
                            x = 0;
                            continue;
                        }

                        // A single word wider than the line (a long URL): cut it where it fits.
                        var fit = Math.Max(1, (int)font.BreakText(trimmed, width));
                        var head = text[..fit];
                        current.Add(new Piece(head, span.Style, span.Url, font.MeasureText(head), font.MeasureText(head)));
                        lines.Add(current);
                        current = [];
                        x = 0;
                        text = text[fit..];
                    }
                }
            }

            if (current.Count > 0)
            {
                lines.Add(current);
            }

            return lines;
        }

        static IEnumerable<string> SplitKeepingSpaces(string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == ' ' && (i + 1 == text.Length || text[i + 1] != ' '))
                {
                    yield return text[start..(i + 1)];
                    start = i + 1;
                }
            }

            if (start < text.Length)
            {
                yield return text[start..];
            }
        }

        /// <summary>Joins neighbouring pieces of one style and link so each is drawn (and extracted) as one string.</summary>
        static List<Piece> Merge(List<Piece> line)
        {
            var merged = new List<Piece>();
            foreach (var p in line)
            {
                if (merged.Count > 0 && merged[^1].Style == p.Style && merged[^1].Url == p.Url)
                {
                    var last = merged[^1];
                    merged[^1] = last with { Text = last.Text + p.Text, Width = last.Width + p.Width, TextWidth = last.Width + p.TextWidth };
                }
                else
                {
                    merged.Add(p);
                }
            }

            return merged;
        }

        sealed record Piece(string Text, SpanStyle Style, string? Url, float Width, float TextWidth);
    }
}
