namespace CvTailor.Api.BackgroundWork;

/// <summary>The shared parts of background work: its options and the retention sweep. Each area registers its own channel, worker, recovery and retention.</summary>
public static class BackgroundWorkRegistration
{
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services)
    {
        services.AddOptions<BackgroundWorkOptions>().BindConfiguration(BackgroundWorkOptions.Section);
        services.AddHostedService<RetentionSweeper>();
        return services;
    }
}
