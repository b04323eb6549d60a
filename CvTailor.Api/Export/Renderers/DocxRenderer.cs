using CvTailor.Api.Export.Layout;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SkiaSharp;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace CvTailor.Api.Export.Renderers;

/// <summary>
/// Renders a <see cref="RenderDocument"/> to DOCX with real styles: the name as Heading 1, sections as Heading 2,
/// bullets through a numbering definition, hyperlinks as relationships, QR codes as embedded PNG pictures, the
/// watermark text in the page header, and title/author core properties. The export template's
/// <see cref="TemplateStyle"/> sets the font, the heading colour and look (rule, capitals, band) and the header alignment.
/// </summary>
public sealed class DocxRenderer
{
    public void Render(RenderDocument document, ExportOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        package.PackageProperties.Title = document.Title;
        package.PackageProperties.Creator = document.Author;
        package.PackageProperties.Subject = document.Subject;
        package.PackageProperties.Keywords = string.Join(", ", document.Keywords.Where(k => k.Length > 0));
        if (options.CreatedAt is { } created)
        {
            package.PackageProperties.Created = created.UtcDateTime;
        }

        var main = package.AddMainDocumentPart();
        AddStyles(main, options);
        AddNumbering(main);
        var body = new Body();
        var images = 0;
        var headerCentred = options.Style.HeaderLayout == HeaderLayout.Centered;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case NameBlock name:
                    body.Append(Paragraph("Heading1", [new Span(name.Text)], main, centred: headerCentred));
                    break;
                case ContactBlock contact:
                    body.Append(Paragraph(null, contact.Spans, main, centred: headerCentred));
                    break;
                case HeadingBlock heading:
                    body.Append(Paragraph("Heading2", [new Span(heading.Text)], main));
                    break;
                case ParagraphBlock paragraph:
                    body.Append(Paragraph(paragraph.IsBullet ? "ListBullet" : null, paragraph.Spans, main, bullet: paragraph.IsBullet));
                    break;
                case QrBlock qr:
                    body.Append(QrParagraph(main, qr, ++images));
                    break;
                default:
                    throw new NotSupportedException(block.GetType().Name);
            }
        }

        var margin = (UInt32Value)(uint)(options.PageMargins switch
        {
            PageMargins.Narrow => 720,
            PageMargins.Wide => 1800,
            _ => 1440,
        });
        var (w, h) = options.PageSize == Export.PageSize.A4 ? (11906u, 16838u) : (12240u, 15840u);
        var section = new SectionProperties(
            new DocumentFormat.OpenXml.Wordprocessing.PageSize { Width = w, Height = h },
            new PageMargin { Top = (int)margin.Value, Bottom = (int)margin.Value, Left = margin, Right = margin, Header = 720, Footer = 720 });
        if (options.Watermark is { } watermark)
        {
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(new Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new RunProperties(new Color { Val = "BFBFBF" }, new FontSize { Val = "36" }), new Text(watermark.Text))));
            section.PrependChild(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
        }

        body.Append(section);
        main.Document = new Document(body);
        main.Document.Save();
    }

    static Paragraph Paragraph(string? style, IReadOnlyList<Span> spans, MainDocumentPart main, bool centred = false, bool bullet = false)
    {
        var props = new ParagraphProperties();
        if (style is not null)
        {
            props.Append(new ParagraphStyleId { Val = style });
        }

        if (bullet)
        {
            props.Append(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 }));
        }

        if (centred)
        {
            props.Append(new Justification { Val = JustificationValues.Center });
        }

        var paragraph = new Paragraph(props);
        foreach (var span in spans)
        {
            var run = Run(span);
            if (span.Url is not null && Uri.TryCreate(span.Url, UriKind.Absolute, out var uri))
            {
                var relation = main.AddHyperlinkRelationship(uri, true);
                run.RunProperties ??= new RunProperties();
                run.RunProperties.PrependChild(new RunStyle { Val = "Hyperlink" });
                paragraph.Append(new Hyperlink(run) { Id = relation.Id, History = true });
            }
            else
            {
                paragraph.Append(run);
            }
        }

        return paragraph;
    }

    static Run Run(Span span)
    {
        var props = new RunProperties();
        switch (span.Style)
        {
            case SpanStyle.Bold:
                props.Append(new Bold());
                break;
            case SpanStyle.Italic:
                props.Append(new Italic());
                break;
            case SpanStyle.Subtle:
                props.Append(new Color { Val = "595959" });
                break;
            case SpanStyle.Regular:
            default:
                break;
        }

        return new Run(props, new Text(span.Text) { Space = SpaceProcessingModeValues.Preserve });
    }

    static Paragraph QrParagraph(MainDocumentPart main, QrBlock qr, int index)
    {
        var imagePart = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(QrPng(qr.Url)))
        {
            imagePart.FeedData(png);
        }

        const long emu = 914400; // one inch
        var relationId = main.GetIdOfPart(imagePart);
        var inline = new DW.Inline(
            new DW.Extent { Cx = emu, Cy = emu },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = (uint)index, Name = $"QR code {index}", Description = qr.Url },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = (uint)index, Name = $"qr{index}.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = emu, Cy = emu }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0,
            DistanceFromBottom = 0,
            DistanceFromLeft = 0,
            DistanceFromRight = 0,
        };
        return new Paragraph(new Run(new Drawing(inline)));
    }

    static byte[] QrPng(string url)
    {
        var matrix = QrMatrix.For(url);
        var n = matrix.GetLength(0);
        const int scale = 6;
        using var bitmap = new SKBitmap(n * scale, n * scale);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var black = new SKPaint { Color = SKColors.Black };
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    if (matrix[y, x])
                    {
                        canvas.DrawRect(x * scale, y * scale, scale, scale, black);
                    }
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    static void AddStyles(MainDocumentPart main, ExportOptions options)
    {
        var size = (Math.Clamp(options.FontSize, 10, 14) * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var style = options.Style;
        var bodyFont = style.DocxFontFamily;
        var accent = options.ColorScheme == ColorScheme.Monochrome ? "000000" : style.AccentColor;
        var link = options.ColorScheme switch
        {
            ColorScheme.Monochrome => "000000",
            ColorScheme.Accent => style.AccentColor,
            _ => "0563C1",
        };
        var part = main.AddNewPart<StyleDefinitionsPart>();
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = bodyFont, HighAnsi = bodyFont, ComplexScript = bodyFont, EastAsia = bodyFont },
                    new FontSize { Val = size })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading("Heading1", "heading 1", 0, (int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) + 14).ToString(System.Globalization.CultureInfo.InvariantCulture), accent, HeadingStyle.Rule),
            Heading("Heading2", "heading 2", 1, (int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) + 4).ToString(System.Globalization.CultureInfo.InvariantCulture), accent, style.HeadingStyle),
            new Style(
                new StyleName { Val = "List Bullet" },
                new BasedOn { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(
                    new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 }),
                    new Indentation { Left = "360", Hanging = "360" }))
            { Type = StyleValues.Paragraph, StyleId = "ListBullet" },
            new Style(
                new StyleName { Val = "Hyperlink" },
                new StyleRunProperties(new Color { Val = link }, new Underline { Val = UnderlineValues.Single }))
            { Type = StyleValues.Character, StyleId = "Hyperlink" });
        part.Styles = styles;
        part.Styles.Save();
    }

    /// <summary>
    /// A heading style. <see cref="HeadingStyle.Rule"/> is the plain bold heading (the look without a template);
    /// the others add a bottom border in the accent colour, capitals, or a shaded band with white text.
    /// </summary>
    static Style Heading(string id, string name, int level, string size, string color, HeadingStyle look)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext());
        if (look is HeadingStyle.AccentRule or HeadingStyle.Caps)
        {
            paragraph.Append(new ParagraphBorders(new BottomBorder
            {
                Val = BorderValues.Single,
                Color = color,
                Size = look == HeadingStyle.AccentRule ? 12u : 4u, // eighths of a point
                Space = 1,
            }));
        }

        if (look == HeadingStyle.Band)
        {
            paragraph.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = color });
        }

        paragraph.Append(new SpacingBetweenLines { Before = level == 0 ? "0" : "240", After = "80" });
        paragraph.Append(new OutlineLevel { Val = level });
        var run = new StyleRunProperties(new Bold());
        if (look == HeadingStyle.Caps)
        {
            run.Append(new Caps());
        }

        run.Append(new Color { Val = look == HeadingStyle.Band ? "FFFFFF" : color });
        run.Append(new FontSize { Val = size });
        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            run)
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    static void AddNumbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>();
        part.Numbering = new Numbering(
            new AbstractNum(
                new Level(
                    new NumberingFormat { Val = NumberFormatValues.Bullet },
                    new LevelText { Val = "•" },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
                { LevelIndex = 0 })
            { AbstractNumberId = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
        part.Numbering.Save();
    }
}
