using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Export.Jobs;
using CvTailor.Api.Export.Renderers;
using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>
/// The export area: <c>/api/v1/export/</c> (contract §2.2 E1–E8). Exports are asynchronous jobs
/// (<c>export_exportjob</c>) rendered by an in-process worker into the storage root.
/// </summary>
public static class ExportEndpoints
{
    public const string Prefix = "/api/v1/export";

    public static WebApplicationBuilder AddExport(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ExportServiceOptions>().BindConfiguration(ExportServiceOptions.Section);
        var fonts = builder.Configuration.GetSection("Export:Pdf").Get<PdfFontOptions>() ?? new PdfFontOptions();
        // Fonts are resolved once, on first use, and shared by every export (the exporter is thread-safe).
        services.AddSingleton(_ => PdfFontSet.Resolve(fonts));
        services.AddSingleton(sp => new DocumentExporter(sp.GetRequiredService<PdfFontSet>()));
        services.AddSingleton<DownloadLinkSigner>();
        services.AddSingleton<ExportChannel>();
        services.AddScoped<ExportRunner>();
        services.AddSingleton<ExportEvidenceValidation>();
        services.AddHostedService<ExportWorker>();
        services.AddSingleton<IWorkRecovery, ExportRecovery>();
        services.AddSingleton<IWorkRetention, ExportRetention>();
        return builder;
    }

    public static RouteGroupBuilder MapExport(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Prefix).WithTags("Export");
        // The download answers to a signed link without a token, so it checks the caller itself.
        // A file result and a challenge state no status of their own: the 200 (one media type per format) and the
        // 401 of a call with neither token nor signed link are declared here.
        group.MapGet("/{id:guid}/download/", ExportDownloadEndpoints.DownloadAsync).AllowAnonymous().WithName("DownloadExport")
            .Produces<Stream>(StatusCodes.Status200OK, ExportFormats.ContentType(ExportFormat.Pdf),
                [.. Enum.GetValues<ExportFormat>().Skip(1).Select(ExportFormats.ContentType)])
            .Produces<ApiDetail>(StatusCodes.Status401Unauthorized);

        var authorized = group.MapGroup("").RequireAuthorization();
        authorized.MapGet("/", ExportJobEndpoints.ListAsync).WithName("ListExports");
        authorized.MapGet("/templates/", ExportCatalogEndpoints.TemplatesAsync).WithName("ListExportTemplates");
        authorized.MapGet("/analytics/", ExportCatalogEndpoints.AnalyticsAsync).WithName("ExportAnalytics");
        authorized.MapPost("/{generationId:guid}/", ExportJobEndpoints.StartAsync).WithName("StartExport");
        authorized.MapGet("/{id:guid}/status/", ExportJobEndpoints.StatusAsync).WithName("ExportStatus");
        authorized.MapGet("/{id:guid}/detail/", ExportJobEndpoints.DetailAsync).WithName("GetExportDetail");
        authorized.MapDelete("/{id:guid}/detail/", ExportJobEndpoints.DeleteAsync).WithName("DeleteExport");
        authorized.MapGet("/{id:guid}/download-link/", ExportDownloadEndpoints.LinkAsync).WithName("ExportDownloadLink");
        return group;
    }
}
