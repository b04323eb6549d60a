using CvTailor.Api.Generation.Content;

namespace CvTailor.Api.Export.Layout;

/// <summary>
/// Lays out a CV or cover letter as <see cref="Block"/>s, applying the section switches and the evidence format:
/// links inline ("hyperlinks"), numbered references with a closing "Supporting Evidence" list ("footnotes"), or that
/// list with a QR code per link ("qr_codes"). CV sections follow the export template's order.
/// </summary>
public static class DocumentBuilder
{
    public static RenderDocument ForCv(CvContent cv, PersonalInfo person, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(cv);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(options);
        var blocks = new List<Block>();
        AddHeader(blocks, person);
        var evidence = new List<(string Url, string Label)>();
        var sections = options.Sections;

        // The template's section order (the original's without one); footnote numbers follow the order on the page.
        foreach (var section in options.Style.SectionOrder)
        {
            switch (section)
            {
                case CvSection.ProfessionalSummary:
                    if (sections.IncludeProfessionalSummary && cv.ProfessionalSummary.Length > 0)
                    {
                        blocks.Add(new HeadingBlock(SectionTitles.ProfessionalSummary));
                        blocks.Add(new ParagraphBlock([new Span(cv.ProfessionalSummary)]));
                    }
                    break;
                case CvSection.Skills:
                    if (sections.IncludeSkills && cv.KeySkills.Count > 0)
                    {
                        blocks.Add(new HeadingBlock(SectionTitles.KeySkills));
                        blocks.Add(new ParagraphBlock([new Span(string.Join(", ", cv.KeySkills))]));
                    }
                    break;
                case CvSection.Experience:
                    if (sections.IncludeExperience && cv.Experience.Count > 0)
                    {
                        blocks.Add(new HeadingBlock(SectionTitles.Experience));
                        foreach (var e in cv.Experience)
                        {
                            var title = new List<Span> { new(e.Title, SpanStyle.Bold) };
                            title.AddRange(References(e.EvidenceReferences, e.Title, options, evidence));
                            blocks.Add(new ParagraphBlock(title));
                            var meta = string.Join(" | ", new[] { e.Organization, e.Duration }.Where(s => s.Length > 0));
                            if (meta.Length > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span(meta, SpanStyle.Subtle)]));
                            }

                            blocks.AddRange(e.Achievements.Select(a => new ParagraphBlock([new Span(a)], IsBullet: true)));
                            if (e.TechnologiesUsed.Count > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span("Technologies: " + string.Join(", ", e.TechnologiesUsed), SpanStyle.Italic)]));
                            }

                            AddInlineLinks(blocks, e.EvidenceReferences, options);
                        }
                    }
                    break;
                case CvSection.Projects:
                    if (sections.IncludeProjects && cv.Projects.Count > 0)
                    {
                        blocks.Add(new HeadingBlock(SectionTitles.Projects));
                        foreach (var p in cv.Projects)
                        {
                            var urls = p.EvidenceUrl.Length > 0 ? new[] { p.EvidenceUrl } : [];
                            var title = new List<Span> { new(p.Name, SpanStyle.Bold) };
                            title.AddRange(References(urls, p.Name, options, evidence));
                            blocks.Add(new ParagraphBlock(title));
                            if (p.Description.Length > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span(p.Description)]));
                            }

                            if (p.Technologies.Count > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span("Technologies: " + string.Join(", ", p.Technologies), SpanStyle.Italic)]));
                            }

                            if (p.ImpactMetrics.Length > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span("Impact: " + p.ImpactMetrics, SpanStyle.Italic)]));
                            }

                            AddInlineLinks(blocks, urls, options);
                        }
                    }
                    break;
                case CvSection.Education:
                    if (sections.IncludeEducation && cv.Education.Count > 0)
                    {
                        blocks.Add(new HeadingBlock(SectionTitles.Education));
                        foreach (var e in cv.Education)
                        {
                            blocks.Add(new ParagraphBlock([new Span(e.Degree, SpanStyle.Bold)]));
                            var meta = string.Join(" | ", new[] { e.Institution, e.Year }.Where(s => s.Length > 0));
                            if (meta.Length > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span(meta, SpanStyle.Subtle)]));
                            }

                            if (e.Details.Length > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span(e.Details)]));
                            }
                        }
                    }
                    break;
                case CvSection.Certifications:
                    if (sections.IncludeCertifications && cv.Certifications.Count > 0)
                    {
                        blocks.Add(new HeadingBlock(SectionTitles.Certifications));
                        foreach (var c in cv.Certifications)
                        {
                            blocks.Add(new ParagraphBlock([new Span(c.Name, SpanStyle.Bold)]));
                            var meta = string.Join(" | ", new[] { c.Issuer, c.Date }.Where(s => s.Length > 0));
                            if (meta.Length > 0)
                            {
                                blocks.Add(new ParagraphBlock([new Span(meta, SpanStyle.Subtle)]));
                            }
                        }
                    }
                    break;
                default:
                    throw new NotSupportedException(section.ToString());
            }
        }

        AddEvidenceList(blocks, evidence, options);
        var keywords = cv.KeySkills.Take(20).ToList();
        return new RenderDocument($"CV - {person.Name}", person.Name, "Curriculum vitae", keywords, blocks);
    }

    public static RenderDocument ForCoverLetter(CoverLetterContent letter, PersonalInfo person, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(options);
        var blocks = new List<Block>();
        AddHeader(blocks, person);
        blocks.Add(new ParagraphBlock([new Span(letter.Salutation)]));
        blocks.Add(new ParagraphBlock([new Span(letter.Opening)]));
        foreach (var paragraph in letter.BodyParagraphs)
        {
            var spans = new List<Span>();
            var rest = paragraph;
            // Make each cited URL a real link inside the paragraph.
            foreach (var url in letter.Evidence.Select(e => e.Url).Where(u => u.Length > 0))
            {
                var i = rest.IndexOf(url, StringComparison.Ordinal);
                if (i < 0)
                {
                    continue;
                }

                spans.Add(new Span(rest[..i]));
                spans.Add(new Span(url, SpanStyle.Regular, options.IncludeEvidence ? url : null));
                rest = rest[(i + url.Length)..];
            }

            spans.Add(new Span(rest));
            blocks.Add(new ParagraphBlock([.. spans.Where(s => s.Text.Length > 0)]));
        }

        if (letter.GapStatement.Length > 0)
        {
            blocks.Add(new ParagraphBlock([new Span(letter.GapStatement)]));
        }

        blocks.Add(new ParagraphBlock([new Span(letter.Closing)]));
        blocks.Add(new ParagraphBlock([new Span(letter.SignOff)]));
        blocks.Add(new ParagraphBlock([new Span(letter.Signature, SpanStyle.Bold)]));
        if (options.IncludeEvidence && options.EvidenceFormat == EvidenceFormat.QrCodes)
        {
            AddEvidenceList(blocks, [.. letter.Evidence.Select(e => (e.Url, e.ArtifactTitle))], options);
        }

        var subject = $"Cover letter for {letter.RoleTitle} at {letter.CompanyName}".Trim();
        return new RenderDocument($"Cover letter - {person.Name}", person.Name, subject, [letter.CompanyName, letter.RoleTitle], blocks);
    }

    static void AddHeader(List<Block> blocks, PersonalInfo person)
    {
        blocks.Add(new NameBlock(person.Name));
        var contact = new[] { person.Email, person.Phone, person.Location }.Where(s => s.Length > 0).ToList();
        if (contact.Count > 0)
        {
            blocks.Add(new ContactBlock([new Span(string.Join(" | ", contact))]));
        }

        var links = new List<Span>();
        foreach (var (label, url) in new[] { ("LinkedIn", person.LinkedinUrl), ("GitHub", person.GithubUrl), ("Portfolio", person.WebsiteUrl) })
        {
            if (url.Length == 0)
            {
                continue;
            }

            if (links.Count > 0)
            {
                links.Add(new Span(" | "));
            }

            links.Add(new Span(label, SpanStyle.Regular, url));
        }

        if (links.Count > 0)
        {
            blocks.Add(new ContactBlock(links));
        }
    }

    /// <summary>Reference markers " [n]" for the footnote and QR formats, registering each URL once.</summary>
    static IEnumerable<Span> References(IEnumerable<string> urls, string label, ExportOptions options, List<(string Url, string Label)> evidence)
    {
        if (!options.IncludeEvidence || options.EvidenceFormat == EvidenceFormat.Hyperlinks)
        {
            yield break;
        }

        foreach (var url in urls)
        {
            var index = evidence.FindIndex(e => e.Url == url);
            if (index < 0)
            {
                evidence.Add((url, label));
                index = evidence.Count - 1;
            }

            yield return new Span($" [{index + 1}]");
        }
    }

    static void AddInlineLinks(List<Block> blocks, IReadOnlyList<string> urls, ExportOptions options)
    {
        if (!options.IncludeEvidence || options.EvidenceFormat != EvidenceFormat.Hyperlinks || urls.Count == 0)
        {
            return;
        }

        var spans = new List<Span> { new("Evidence: ", SpanStyle.Italic) };
        for (var i = 0; i < urls.Count; i++)
        {
            if (i > 0)
            {
                spans.Add(new Span(", "));
            }

            spans.Add(new Span(urls[i], SpanStyle.Regular, urls[i]));
        }

        blocks.Add(new ParagraphBlock(spans));
    }

    static void AddEvidenceList(List<Block> blocks, List<(string Url, string Label)> evidence, ExportOptions options)
    {
        if (!options.IncludeEvidence || evidence.Count == 0)
        {
            return;
        }

        blocks.Add(new HeadingBlock(SectionTitles.Evidence));
        for (var i = 0; i < evidence.Count; i++)
        {
            var (url, label) = evidence[i];
            blocks.Add(new ParagraphBlock([new Span($"[{i + 1}] {label}: "), new Span(url, SpanStyle.Regular, url)]));
            if (options.EvidenceFormat == EvidenceFormat.QrCodes)
            {
                blocks.Add(new QrBlock(url, $"[{i + 1}]"));
            }
        }
    }
}
