using System.Diagnostics;
using CvTailor.AppHost.Hosting;

namespace CvTailor.AppHost.Publishing;

/// <summary>
/// Publish mode: reads the command line, walks the application model and writes the chosen format. Starts no
/// resource, no dashboard and no process; binds no port. Exit codes: 0 written, 2 bad command line, 1 the model
/// has something the format cannot express.
/// </summary>
public static class ApplicationPublisher
{
    public static async Task<int> PublishAsync(this DistributedApplicationBuilder builder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clock = Stopwatch.StartNew();
        PublishOptions options;
        try
        {
            options = PublishOptions.Parse(builder.ExecutionContext.Arguments);
        }
        catch (PublishUsageException ex)
        {
            await Console.Error.WriteLineAsync($"publish: {ex.Message}");
            await Console.Error.WriteLineAsync(
                "usage: publish --publisher docker-compose|kubernetes|manifest [--output-path <dir>] [--image-tag <tag>] "
                + "[--image-registry <prefix>] [--otlp-endpoint <url>] [--namespace <ns>] [--environment <name>] [--postgres container|external]");
            return 2;
        }

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
        IPublisher publisher = options.Publisher switch
        {
            PublishOptions.DockerCompose => new ComposePublisher(),
            PublishOptions.Kubernetes => new KubernetesPublisher(),
            _ => new ManifestPublisher(),
        };
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
}
