using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.DrfContract;
using CvTailor.Api.HttpPipeline;
using CvTailor.Api.Storage;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts;

/// <summary>The artifacts area: <c>/api/v1/artifacts/</c> (contract §2.2 R1–R15). Every route needs a signed-in caller.</summary>
public static class ArtifactEndpoints
{
    public const string Prefix = "/api/v1/artifacts";

    public static WebApplicationBuilder AddArtifacts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddUploads();
        builder.Services.AddArtifactProcessing();
        return builder;
    }

    public static RouteGroupBuilder MapArtifacts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var uploadLimit = app.ServiceProvider.GetRequiredService<IOptions<UploadOptions>>().Value.MaxUploadRequestBytes;
        var group = app.MapGroup(Prefix).RequireAuthorization().WithTags("Artifacts");

        group.MapGet("/", ArtifactCrudEndpoints.ListAsync).WithName("ListArtifacts");
        group.MapPost("/", ArtifactCrudEndpoints.CreateAsync).WithName("CreateArtifact");
        group.MapGet("/{id:int}/", ArtifactCrudEndpoints.GetAsync).WithName("GetArtifact");
        group.MapPut("/{id:int}/", ArtifactCrudEndpoints.ReplaceAsync).WithName("ReplaceArtifact");
        group.MapPatch("/{id:int}/", ArtifactCrudEndpoints.PatchAsync).WithName("PatchArtifact");
        group.MapDelete("/{id:int}/", ArtifactCrudEndpoints.DeleteAsync).WithName("DeleteArtifact");

        group.MapPost("/{artifactId:int}/upload/", ArtifactUploadEndpoints.UploadToArtifactAsync)
            .WithRequestBodyLimit(uploadLimit).ExemptFromAdmission().WithName("UploadArtifactFiles").Accepts<ArtifactFilesForm>("multipart/form-data");
        group.MapPost("/upload/", ArtifactUploadEndpoints.BulkUploadAsync)
            .WithRequestBodyLimit(uploadLimit).ExemptFromAdmission().WithName("BulkUploadArtifact").Accepts<BulkUploadForm>("multipart/form-data");
        group.MapGet("/{artifactId:int}/status/", ProcessingStatusEndpoint.GetAsync).WithName("ArtifactProcessingStatus");
        group.MapPost("/upload-file/", ArtifactUploadEndpoints.UploadFileAsync)
            .WithRequestBodyLimit(uploadLimit).ExemptFromAdmission().WithName("UploadFile").Accepts<SingleFileForm>("multipart/form-data");
        group.MapGet("/suggestions/", TechnologySuggestionsEndpoint.GetAsync).WithName("TechnologySuggestions");

        group.MapPost("/{artifactId:int}/evidence-links/", EvidenceLinkEndpoints.CreateAsync).WithName("CreateEvidenceLink");
        group.MapPut("/evidence-links/{linkId:long}/", EvidenceLinkEndpoints.ReplaceAsync).WithName("ReplaceEvidenceLink");
        group.MapDelete("/evidence-links/{linkId:long}/", EvidenceLinkEndpoints.DeleteAsync).WithName("DeleteEvidenceLink");
        // A file result states no status of its own: the 200 and its media type are declared here.
        group.MapGet("/files/{fileId:guid}/", ArtifactUploadEndpoints.DownloadFileAsync).WithName("DownloadUploadedFile")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream");
        group.MapDelete("/files/{fileId:guid}/", ArtifactUploadEndpoints.DeleteFileAsync).WithName("DeleteUploadedFile");
        group.MapPatch("/bulk/", BulkEditEndpoint.PatchAsync).WithName("BulkEditArtifacts");
        return group;
    }
}
