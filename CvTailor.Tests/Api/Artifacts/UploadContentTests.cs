using CvTailor.Api.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>Content sniffing and the upload checks, on real bytes of each format.</summary>
public sealed class UploadContentTests
{
    [Theory]
    [InlineData("pdf", SniffedFormat.Pdf)]
    [InlineData("docx", SniffedFormat.Docx)]
    [InlineData("doc", SniffedFormat.Doc)]
    [InlineData("md", SniffedFormat.Utf8Text)]
    [InlineData("txt", SniffedFormat.Utf8Text)]
    [InlineData("zip", SniffedFormat.Unknown)]
    [InlineData("png", SniffedFormat.Unknown)]
    public async Task Sniffs_the_format_from_the_bytes(string sample, SniffedFormat expected)
    {
        using var stream = new MemoryStream(Sample(sample));
        Assert.Equal(expected, await ContentSniffer.SniffAsync(stream, CancellationToken.None));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task Text_with_a_nul_byte_or_invalid_utf8_is_not_text()
    {
        using var nul = new MemoryStream("abc\0def"u8.ToArray());
        Assert.Equal(SniffedFormat.Unknown, await ContentSniffer.SniffAsync(nul, CancellationToken.None));
        using var latin1 = new MemoryStream([0x63, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6B]); // "café ok" in Latin-1
        Assert.Equal(SniffedFormat.Unknown, await ContentSniffer.SniffAsync(latin1, CancellationToken.None));
    }

    [Fact]
    public async Task A_multibyte_character_split_across_read_buffers_is_still_valid_text()
    {
        // 64 KiB buffers: put a 3-byte character across the first boundary.
        var bytes = new byte[(64 * 1024) + 10];
        Array.Fill(bytes, (byte)'a');
        "€"u8.CopyTo(bytes.AsSpan((64 * 1024) - 1));
        using var stream = new MemoryStream(bytes);
        Assert.Equal(SniffedFormat.Utf8Text, await ContentSniffer.SniffAsync(stream, CancellationToken.None));
    }

    [Theory]
    [InlineData("cv.pdf", "pdf", null)]
    [InlineData("cv.PDF", "pdf", null)]
    [InlineData("cv.docx", "docx", null)]
    [InlineData("cv.doc", "doc", null)]
    [InlineData("notes.md", "md", null)]
    [InlineData("notes.markdown", "md", null)]
    [InlineData("notes.txt", "txt", null)]
    [InlineData("renamed.docx", "pdf", "is not a valid DOCX file")]
    [InlineData("renamed.pdf", "docx", "is not a valid PDF file")]
    [InlineData("renamed.doc", "pdf", "is not a valid DOC file")]
    [InlineData("renamed.txt", "pdf", "is not a valid plain text file")]
    [InlineData("archive.docx", "zip", "is not a valid DOCX file")]
    [InlineData("image.png", "png", "has unsupported type")]
    [InlineData("noextension", "pdf", "has unsupported type")]
    public async Task Accepts_a_file_only_when_its_bytes_match_its_extension(string name, string sample, string? error)
    {
        var check = await Inspector().CheckAsync(FormFile(name, Sample(sample)), CancellationToken.None);
        if (error is null)
        {
            Assert.Null(check.Error);
            Assert.NotNull(check.Accepted);
            Assert.Equal(name, check.Accepted.OriginalFileName);
        }
        else
        {
            Assert.Null(check.Accepted);
            Assert.Contains(error, check.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_declared_content_type_is_not_trusted()
    {
        // Declared as a PDF, named .txt, really text: accepted as text and stored with the sniffed type.
        var check = await Inspector().CheckAsync(FormFile("notes.txt", Sample("txt"), "application/pdf"), CancellationToken.None);
        Assert.Equal(DocumentKind.PlainText, check.Accepted!.Kind);
        Assert.Equal("text/plain", check.Accepted.Kind.MimeType);
    }

    [Fact]
    public async Task Size_limits_are_enforced_and_empty_files_refused()
    {
        var inspector = Inspector(maxBytes: 100);
        var big = await inspector.CheckAsync(FormFile("big.txt", new byte[101]), CancellationToken.None);
        Assert.Equal("File big.txt exceeds 100 bytes size limit.", big.Error);
        var atLimit = await inspector.CheckAsync(FormFile("ok.txt", Enumerable.Repeat((byte)'x', 100).ToArray()), CancellationToken.None);
        Assert.NotNull(atLimit.Accepted);
        var empty = await inspector.CheckAsync(FormFile("empty.txt", []), CancellationToken.None);
        Assert.Equal("File empty.txt is empty.", empty.Error);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("..\\..\\windows\\cv.pdf", "cv.pdf")]
    [InlineData("/abs/path/cv.pdf", "cv.pdf")]
    [InlineData("cv\u0000\u0007.pdf", "cv.pdf")]
    [InlineData("..", "upload")]
    [InlineData("", "upload")]
    [InlineData("  spaced name.pdf  ", "spaced name.pdf")]
    public void Client_file_names_lose_their_directories_and_control_characters(string given, string expected) =>
        Assert.Equal(expected, ClientFileName.Clean(given));

    [Fact]
    public void Very_long_names_keep_their_extension_within_the_column()
    {
        var clean = ClientFileName.Clean(new string('a', 10_000) + ".pdf");
        Assert.Equal(ClientFileName.MaxLength, clean.Length);
        Assert.EndsWith(".pdf", clean, StringComparison.Ordinal);
    }

    internal static byte[] Sample(string kind) => kind switch
    {
        "pdf" => SampleFiles.Pdf(),
        "docx" => SampleFiles.Docx(),
        "doc" => SampleFiles.Doc(),
        "md" => SampleFiles.Markdown(),
        "txt" => SampleFiles.Text(),
        "zip" => SampleFiles.PlainZip(),
        "png" => SampleFiles.Png(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    static UploadInspector Inspector(long maxBytes = 10 * 1024 * 1024) =>
        new(Options.Create(new UploadOptions { MaxFileBytes = maxBytes }));

    static FormFile FormFile(string name, byte[] bytes, string contentType = "application/octet-stream") =>
        new(new MemoryStream(bytes), 0, bytes.Length, "files", name) { Headers = new HeaderDictionary(), ContentType = contentType };
}
