using CvTailor.Api.BackgroundWork;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>Services of artifact processing: options, the SSRF-guarded link checker, GitHub analysis, the queue and its worker.</summary>
public static class EvidenceProcessingRegistration
{
    public const string UserAgent = "CvTailor-EvidenceCheck/1.0";

    public static IServiceCollection AddArtifactProcessing(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section);
        services.AddSingleton<NetworkGuard>();
        services.AddSingleton<HostGate>();
        services.AddSingleton<IEvidenceLinkChecker, EvidenceLinkChecker>();
        services.AddSingleton<GitHubRepositoryAnalyzer>();
        services.AddSingleton<ArtifactProcessingChannel>();
        services.AddSingleton<ProcessingPace>();
        services.AddScoped<ArtifactProcessingRunner>();
        services.AddHostedService<ArtifactProcessingWorker>();
        services.AddSingleton<IWorkRecovery, ArtifactProcessingRecovery>();

        // The defaults give every client retries, a 30 s total limit and service discovery. Here the check owns its
        // time limit (a retry would multiply the 10 s), a user's URL must never be resolved as a service name, and
        // the factory's request logging would print full URLs (queries may carry secrets): clear those handlers.
        services.AddHttpClient(EvidenceLinkChecker.HttpClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Redirects are followed by the checker so the guard sees every hop; no proxy, or the guard would
                // only ever see the proxy's address; no cookies from one user's link reaching another's.
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<NetworkGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear())
            .RemoveAllLoggers();
        services.AddHttpClient(GitHubRepositoryAnalyzer.HttpClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear())
            .RemoveAllLoggers();
        return services;
    }
}
