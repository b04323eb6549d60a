namespace CvTailor.Api.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The file store and the upload checks, configured from the <c>Storage</c> section.</summary>
    public static IServiceCollection AddFileStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Storage:Root must be set.")
            .Validate(o => o.MaxFileBytes > 0 && o.MaxFilesPerRequest > 0, "Storage limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<FileStore>();
        services.AddSingleton<UploadInspector>();
        return services;
    }
}
