using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Content;

namespace CvTailor.Tests.Api.Generation;

public class CoverLetterTests
{
    static readonly DocumentGenerator Generator = new(DevData.Taxonomy);

    [Theory]
    [MemberData(nameof(DevData.JobIds), MemberType = typeof(DevData))]
    public async Task Letter_names_company_and_role_and_cites_two_or_three_of_the_users_links(string jobId)
    {
        var job = DevData.Job(jobId);
        var letter = await Generator.GenerateCoverLetterAsync(DevData.Request(job), DevData.Profile(job.UserId), DevData.Artifacts(job.UserId));
        var content = letter.Content;
        Assert.Equal("cover_letter", content.DocumentType);
        Assert.Contains(job.Company, content.FullText, StringComparison.Ordinal);
        Assert.Contains(job.RoleTitle, content.FullText, StringComparison.Ordinal);
        Assert.InRange(content.Evidence.Count, 2, 3);

        var ownUrls = DevData.Artifacts(job.UserId).SelectMany(a => a.EvidenceLinks).Select(l => l.Url).ToHashSet();
        var cited = Regex.Matches(content.FullText, @"https?://\S+").Select(m => m.Value.TrimEnd(')', '.', ',')).ToList();
        Assert.InRange(cited.Distinct().Count(), 2, 3);
        Assert.All(cited, url => Assert.Contains(url, ownUrls));
        Assert.True(letter.Metadata.Grounding.IsGrounded, string.Join("; ", letter.Metadata.Grounding.Violations.Select(v => $"{v.Kind}: {v.Value}")));
        Assert.EndsWith(DevData.Profile(job.UserId).Email, content.FullText, StringComparison.Ordinal);
        foreach (var foreign in DevData.ForeignPhrases(job.UserId))
        {
            Assert.DoesNotContain(foreign, content.FullText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Letter_is_honest_about_missing_must_haves()
    {
        var job = DevData.Job("u1-j1");
        var letter = await Generator.GenerateCoverLetterAsync(DevData.Request(job), DevData.Profile(job.UserId), DevData.Artifacts(job.UserId));
        Assert.Contains("less direct experience with Java", letter.Content.GapStatement, StringComparison.Ordinal);
        Assert.Contains(letter.Content.GapStatement, letter.Content.FullText, StringComparison.Ordinal);
        Assert.True(letter.Metadata.Grounding.IsGrounded);
    }

    [Fact]
    public async Task Without_the_clients_names_the_letter_takes_company_and_role_from_the_postings_title_line()
    {
        var job = DevData.Job("u1-j1");
        var request = DevData.Request(job) with
        {
            JobDescription = $"{job.RoleTitle} — {job.Company}\n\n{job.Description}",
            CompanyName = "",
            RoleTitle = "",
        };
        Assert.Contains(job.Company, job.Description, StringComparison.Ordinal);

        var letter = await Generator.GenerateCoverLetterAsync(request, DevData.Profile(job.UserId), DevData.Artifacts(job.UserId));

        Assert.StartsWith($"Dear {job.Company} hiring team,", letter.Content.FullText, StringComparison.Ordinal);
        Assert.Contains($"the {job.RoleTitle} role at {job.Company}", letter.Content.FullText, StringComparison.Ordinal);
        Assert.True(letter.Metadata.Grounding.IsGrounded, string.Join("; ", letter.Metadata.Grounding.Violations.Select(v => $"{v.Kind}: {v.Value}")));
    }
}
