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

        group.MapGet("/", ArtifactCrudEndpoints.ListAsync).WithName("ListArtifacts")
            .Produces<PagedResult<ArtifactDto>>().Produces<ApiDetail>(StatusCodes.Status404NotFound);
        group.MapPost("/", ArtifactCrudEndpoints.CreateAsync).WithName("CreateArtifact")
            .Produces<ArtifactCreatedDto>(StatusCodes.Status201Created).Produces(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:int}/", ArtifactCrudEndpoints.GetAsync).WithName("GetArtifact")
            .Produces<ArtifactDto>().Produces<ApiDetail>(StatusCodes.Status404NotFound);
        group.MapPut("/{id:int}/", ArtifactCrudEndpoints.ReplaceAsync).WithName("ReplaceArtifact").Produces<ArtifactUpdatedDto>();
        group.MapPatch("/{id:int}/", ArtifactCrudEndpoints.PatchAsync).WithName("PatchArtifact").Produces<ArtifactUpdatedDto>();
        group.MapDelete("/{id:int}/", ArtifactCrudEndpoints.DeleteAsync).WithName("DeleteArtifact").Produces(StatusCodes.Status204NoContent);

        group.MapPost("/{artifactId:int}/upload/", ArtifactUploadEndpoints.UploadToArtifactAsync)
            .WithRequestBodyLimit(uploadLimit).WithName("UploadArtifactFiles").Produces<ArtifactUploadEndpoints.UploadResponse>();
        group.MapPost("/upload/", ArtifactUploadEndpoints.BulkUploadAsync)
            .WithRequestBodyLimit(uploadLimit).WithName("BulkUploadArtifact")
            .Produces<ArtifactUploadEndpoints.BulkUploadResponse>(StatusCodes.Status202Accepted);
        group.MapGet("/{artifactId:int}/status/", ProcessingStatusEndpoint.GetAsync).WithName("ArtifactProcessingStatus")
            .Produces<ProcessingStatusEndpoint.ProcessingStatusDto>();
        group.MapPost("/upload-file/", ArtifactUploadEndpoints.UploadFileAsync)
            .WithRequestBodyLimit(uploadLimit).WithName("UploadFile")
            .Produces<ArtifactUploadEndpoints.SingleUploadResponse>(StatusCodes.Status201Created);
        group.MapGet("/suggestions/", TechnologySuggestionsEndpoint.GetAsync).WithName("TechnologySuggestions")
            .Produces<TechnologySuggestionsEndpoint.SuggestionsDto>();

        group.MapPost("/{artifactId:int}/evidence-links/", EvidenceLinkEndpoints.CreateAsync).WithName("CreateEvidenceLink")
            .Produces<EvidenceLinkCreatedDto>(StatusCodes.Status201Created);
        group.MapPut("/evidence-links/{linkId:long}/", EvidenceLinkEndpoints.ReplaceAsync).WithName("ReplaceEvidenceLink")
            .Produces<EvidenceLinkUpdatedDto>();
        group.MapDelete("/evidence-links/{linkId:long}/", EvidenceLinkEndpoints.DeleteAsync).WithName("DeleteEvidenceLink");
        group.MapGet("/files/{fileId:guid}/", ArtifactUploadEndpoints.DownloadFileAsync).WithName("DownloadUploadedFile");
        group.MapDelete("/files/{fileId:guid}/", ArtifactUploadEndpoints.DeleteFileAsync).WithName("DeleteUploadedFile");
        group.MapPatch("/bulk/", BulkEditEndpoint.PatchAsync).WithName("BulkEditArtifacts").Produces<BulkEditEndpoint.BulkEditResponse>();
        return group;
    }
}
