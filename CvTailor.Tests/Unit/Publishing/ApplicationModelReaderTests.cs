using CvTailor.AppHost.Hosting;
using CvTailor.AppHost.Publishing;

namespace CvTailor.Tests.Unit.Publishing;

/// <summary>The model-to-deployment rules on small models built in-process (the AppHost's own model is covered end to end).</summary>
public sealed class ApplicationModelReaderTests
{
    static readonly PublishOptions Options = PublishOptions.Parse(["publish", "--publisher", "docker-compose", "--output-path", "unused"]);

    static DistributedApplicationBuilder Builder() =>
        DistributedApplicationBuilder.CreateBuilder(["publish", "--publisher", "docker-compose"]);

    [Fact]
    public void Waits_become_ordering_healthy_for_projects_and_servers_completed_for_steps_and_nothing_for_build_steps()
    {
        var builder = Builder();
        Assert.True(builder.ExecutionContext.IsPublishMode);
        var db = builder.AddPostgres("pg").AddDatabase("appdb");
        var step = builder.AddRunOnce("setup", (_, _) => Task.CompletedTask).WithReference(db).WaitFor(db)
            .PublishAsProjectCommand<Projects.CvTailor_Api>("migrate", "--verbose");
        var bake = builder.AddRunOnce("bake", (_, _) => Task.CompletedTask).PublishAsImageBuildStep("in the image");
        var backend = builder.AddProject<Projects.CvTailor_Embeddings>("backend").WithHttpEndpoint(7000).WaitForCompletion(bake);
        builder.AddProject<Projects.CvTailor_Api>("front").WithHttpEndpoint(7001).WithReference(backend).WithReference(db)
            .WaitFor(backend).WaitForCompletion(step);

        var app = ApplicationModelReader.Read(builder.Resources, Options);

        Assert.Equal("postgres:17", app.Postgres!.Image); // no WithPgVector in this model
        Assert.Equal(["appdb"], app.Postgres.Databases);
        Assert.Equal([("bake", "in the image")], app.BuildSteps);
        var setup = app.Services.Single(s => s.Name == "setup");
        Assert.Equal(PublishedServiceKind.OneShot, setup.Kind);
        Assert.Equal("cvtailor-api", setup.ImageRepository);
        Assert.Equal(["migrate", "--verbose"], setup.Arguments);
        Assert.Equal([new ServiceDependency("pg", DependencyCondition.Healthy)], setup.DependsOn);
        Assert.Empty(app.Services.Single(s => s.Name == "backend").DependsOn);
        var front = app.Services.Single(s => s.Name == "front");
        Assert.Equal(
            [new ServiceDependency("backend", DependencyCondition.Healthy), new ServiceDependency("setup", DependencyCondition.Completed)],
            front.DependsOn);
        var env = front.Environment.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal(new ServiceUrlValue("backend"), env["services__backend__http__0"]);
        Assert.Equal(new ConnectionStringValue(app.Postgres, "appdb"), env["ConnectionStrings__appdb"]);
        Assert.Null(front.External);
        Assert.Equal(1, front.Replicas);
    }

    [Fact]
    public void Local_values_never_reach_the_published_environment()
    {
        var builder = Builder();
        var volume = builder.AddSharedVolume("files", "/home/someone/local/files", "/srv/files");
        var key = builder.AddParameter("api-key", secret: true);
        builder.AddProject<Projects.CvTailor_Api>("web").WithHttpEndpoint(7001)
            .WithSharedVolume("Files__Root", volume)
            .WithEnvironment("Api__Key", key)
            .WithEnvironment("Plain", "kept")
            .WithExternalHttpEndpoints()
            .WithReplicas(3);

        var app = ApplicationModelReader.Read(builder.Resources, Options);

        var web = app.Services.Single();
        var env = web.Environment.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal(new LiteralValue("/srv/files"), env["Files__Root"]);
        Assert.Equal(new ParameterValue(key), env["Api__Key"]);
        Assert.Equal(new LiteralValue("kept"), env["Plain"]);
        Assert.Equal(new LiteralValue("http://+:8080"), env["ASPNETCORE_URLS"]);
        Assert.Equal([new VolumeMount(volume, "/srv/files")], web.Mounts);
        Assert.Equal(3, web.Replicas);
        Assert.Equal(new ExternalEndpoint(7001), web.External);
        Assert.Equal([key], app.Parameters);
        Assert.Equal([volume], app.Volumes);
        // Locally the variable holds the local directory.
        Assert.Equal("/home/someone/local/files", builder.Resources.Single().Environment["Files__Root"]);
    }

    [Fact]
    public void A_run_once_step_without_a_published_form_is_an_error_naming_it()
    {
        var builder = Builder();
        builder.AddRunOnce("mystery", (_, _) => Task.CompletedTask);

        var ex = Assert.Throws<NotSupportedException>(() => ApplicationModelReader.Read(builder.Resources, Options));
        Assert.Contains("'mystery'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PublishAsProjectCommand", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "publish", "--publisher", "kubernetes" }, true)]
    [InlineData(new[] { "--publisher", "manifest", "--output-path", "x.json" }, true)]
    [InlineData(new[] { "--publisher=manifest" }, true)]
    [InlineData(new[] { "--operation", "publish", "--publisher", "manifest" }, true)]
    [InlineData(new[] { "--AppHost:Ports:api=0" }, false)]
    [InlineData(new string[0], false)]
    public void Publish_mode_is_chosen_by_Aspire_spellings_only(string[] args, bool publish) =>
        Assert.Equal(publish, new DistributedApplicationExecutionContext(args).IsPublishMode);

    [Fact]
    public void Options_follow_the_command_line_and_build_image_names()
    {
        var options = PublishOptions.Parse(["--publisher=kubernetes", "--output-path", "out", "--image-tag", "2.0.1",
            "--image-registry", "reg.example/team/", "--AppHost:Replicas:api=3"]);
        Assert.Equal(PublishOptions.Kubernetes, options.Publisher);
        Assert.Equal(Path.GetFullPath("out"), options.OutputPath);
        Assert.Equal("reg.example/team/cvtailor-api:2.0.1", options.ImageFor("cvtailor-api"));
        Assert.Equal("cvtailor-api:latest", PublishOptions.Parse(["--publisher", "manifest"]).ImageFor("cvtailor-api"));
        Assert.Throws<PublishUsageException>(() => PublishOptions.Parse(["--publisher", "manifest", "--otlp-endpoint", "collector:4317"]));
        Assert.Throws<PublishUsageException>(() => PublishOptions.Parse(["--publisher", "manifest", "--operation", "run"]));
    }
}
