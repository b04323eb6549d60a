using System.Diagnostics;
using System.Text.Json.Nodes;
using CvTailor.Api.Export;
using CvTailor.Api.Export.Endpoints;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Export.Renderers;
using CvTailor.Data.Export;
using CvTailor.Tests.AppHost;
using UglyToad.PdfPig;

namespace CvTailor.Tests.Api.Export;

/// <summary>
/// The Api image is self-sufficient for PDF export: the csproj's publish items put the DejaVu files (and their licence)
/// in <c>fonts/</c>, the image sets <c>Export__Pdf__FontDirectory=/app/fonts</c>, and the renderer, given a directory
/// holding only those copied files, embeds DejaVu. The items are read from MSBuild itself (<c>-getItem</c>).
/// </summary>
public sealed class ApiImageFontsTests
{
    static readonly Lazy<Task<JsonNode>> ApiItems = new(ReadApiItemsAsync);

    static async Task<JsonNode> ReadApiItemsAsync()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppHostProcess.RepositoryRoot,
        };
        foreach (var arg in new[]
                 {
                     "msbuild", Path.Combine("CvTailor.Api", "CvTailor.Api.csproj"), "-t:AddPdfFonts",
                     "-getItem:None", "-getItem:ContainerEnvironmentVariable", "-getProperty:PdfFontSourceDirectory",
                 })
        {
            psi.ArgumentList.Add(arg);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild exited {process.ExitCode}\n{await stdout}\n{await stderr}");
        return JsonNode.Parse(await stdout) ?? throw new InvalidOperationException("no JSON from msbuild");
    }

    /// <summary>Published file name (Link) → source file of the None items that go to fonts/.</summary>
    static async Task<Dictionary<string, string>> FontItemsAsync()
    {
        var items = (await ApiItems.Value)["Items"]!["None"]!.AsArray();
        return items
            .Where(i => i!["Link"]?.GetValue<string>() is { } link && link.StartsWith(PdfFontSet.BundledDirectory + "/", StringComparison.Ordinal))
            .ToDictionary(i => i!["Link"]!.GetValue<string>(), i => i!["FullPath"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    [Fact]
    public async Task The_publish_output_carries_the_fonts_their_licence_and_the_image_points_the_renderer_at_them()
    {
        var fonts = await FontItemsAsync();
        Assert.Equal(
            ["fonts/DejaVuSans-Bold.ttf", "fonts/DejaVuSans.ttf", "fonts/DejaVuSerif-Bold.ttf", "fonts/DejaVuSerif.ttf", "fonts/LICENSE"],
            fonts.Keys.Order(StringComparer.Ordinal));
        Assert.All(fonts.Values, f => Assert.True(File.Exists(f), f));
        Assert.Contains("Bitstream", await File.ReadAllTextAsync(fonts["fonts/LICENSE"]), StringComparison.Ordinal);

        var items = (await ApiItems.Value)["Items"]!["None"]!.AsArray();
        Assert.All(items.Where(i => fonts.ContainsKey(i!["Link"]?.GetValue<string>() ?? "")),
            i => Assert.Equal("PreserveNewest", i!["CopyToPublishDirectory"]!.GetValue<string>()));

        var env = (await ApiItems.Value)["Items"]!["ContainerEnvironmentVariable"]!.AsArray()
            .ToDictionary(i => i!["Identity"]!.GetValue<string>(), i => i!["Value"]!.GetValue<string>(), StringComparer.Ordinal);
        // The image's app directory is /app, so the published fonts/ folder is /app/fonts.
        Assert.Equal("/app/" + PdfFontSet.BundledDirectory, env["Export__Pdf__FontDirectory"]);
    }

    [Fact]
    public async Task A_directory_holding_only_the_copied_fonts_renders_pdfs_that_embed_dejavu()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cvtailor-image-fonts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            foreach (var (link, source) in await FontItemsAsync())
            {
                File.Copy(source, Path.Combine(directory, Path.GetFileName(link)));
            }

            using var fonts = PdfFontSet.Resolve(new PdfFontOptions { FontDirectory = directory });
            var exporter = new DocumentExporter(fonts);
            var cv = await ExportFixture.CvAsync("u1-j1");
            Assert.All(FontNames(Render(exporter, cv, "Professional")), f => Assert.Contains("DejaVuSans", f, StringComparison.Ordinal));
            var classic = FontNames(Render(exporter, cv, "Classic"));
            Assert.All(classic, f => Assert.Contains("DejaVuSerif", f, StringComparison.Ordinal));
            Assert.Contains(classic, f => f.EndsWith("DejaVuSerif-Bold", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static byte[] Render(DocumentExporter exporter, CvContent cv, string template)
    {
        var style = TemplateStyle.FromConfig(ExportTemplateSeed.All.Single(t => t.Name == template).Config);
        var options = StoredExportOptions.Read("""{"options": {}, "sections": {}, "watermark": null}""", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), style);
        using var output = new MemoryStream();
        exporter.ExportCv(cv, ExportFixture.Person("u1"), ExportFormat.Pdf, options, output);
        return output.ToArray();
    }

    static List<string> FontNames(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var names = document.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .Select(l => l.FontName ?? "").Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(names);
        return names;
    }
}
