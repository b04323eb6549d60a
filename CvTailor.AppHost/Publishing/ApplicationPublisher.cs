using System.Diagnostics;

namespace CvTailor.AppHost.Publishing;

/// <summary>
/// Our publishers (docker-compose, kubernetes) on Aspire's application model in publish mode: starts no resource,
/// no dashboard and no process; binds no port. Exit codes: 0 written, 1 the model has something the format cannot express.
/// </summary>
public static class ApplicationPublisher
{
    public static async Task<int> PublishWithOwnPublisherAsync(
        this IDistributedApplicationBuilder builder, PublishCommandLine command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(command);
        var options = command.Options;
        var clock = Stopwatch.StartNew();
        PublishedApplication app;
        try
        {
            app = ApplicationModelReader.Read(builder.Resources, options);
        }
        catch (NotSupportedException ex)
        {
            await Console.Error.WriteLineAsync($"publish: {ex.Message}");
            return 1;
        }
        IPublisher publisher = options.Publisher == PublishOptions.Kubernetes ? new KubernetesPublisher() : new ComposePublisher();
        var files = await publisher.PublishAsync(app, options, ct);
        Console.WriteLine($"publish: {options.Publisher} → {options.OutputPath} in {clock.Elapsed.TotalMilliseconds:0} ms");
        foreach (var file in files)
        {
            Console.WriteLine($"  {file}");
        }
        foreach (var parameter in app.Parameters.Where(p => p.Supplied))
        {
            Console.WriteLine($"  (fill in {parameter.EnvironmentName} in the secret file before deploying)");
        }
        foreach (var (name, description) in app.BuildSteps)
        {
            Console.WriteLine($"  ('{name}' is part of the image build: {description})");
        }
        return 0;
    }

    /// <summary>Prints a bad publish command line's reason and the usage; exit code 2.</summary>
    public static async Task<int> UsageAsync(PublishUsageException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        await Console.Error.WriteLineAsync($"publish: {error.Message}");
        await Console.Error.WriteLineAsync(
            "usage: publish --publisher docker-compose|kubernetes|manifest [--output-path <dir>] [--image-tag <tag>] "
            + "[--image-registry <prefix>] [--otlp-endpoint <url>] [--namespace <ns>] [--environment <name>] [--postgres container|external]");
        return 2;
    }
}
