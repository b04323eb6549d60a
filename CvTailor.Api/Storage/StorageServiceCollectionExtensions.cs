using CvTailor.Data.Files;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CvTailor.Api.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The file storage under <c>Storage:Root</c> (uploads, profile images, exports).</summary>
    public static IServiceCollection AddFileStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.TryAddSingleton<FileStorage>();
        return services;
    }

    /// <summary>The upload checks, from the <c>Storage</c> section.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.MaxFileBytes > 0 && o.MaxFilesPerRequest > 0, "Storage upload limits must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<UploadInspector>();
        return services;
    }
}
