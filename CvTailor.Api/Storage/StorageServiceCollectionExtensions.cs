using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CvTailor.Api.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The file storage (shared with profile images) and the upload checks, from the <c>Storage</c> section.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.TryAddSingleton<FileStorage>();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.MaxFileBytes > 0 && o.MaxFilesPerRequest > 0, "Storage upload limits must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<UploadInspector>();
        return services;
    }
}
