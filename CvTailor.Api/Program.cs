using CvTailor.Api;
using CvTailor.Data;

var builder = WebApplication.CreateBuilder(args);

// `dotnet CvTailor.Api.dll migrate`: apply migrations and exit (deployments; the AppHost runs the same migrator).
if (args is ["migrate", ..])
{
    using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
    var connectionString = builder.Configuration.GetConnectionString(CvTailorDatabase.ConnectionName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{CvTailorDatabase.ConnectionName} is not set.");
    await DatabaseMigrator.MigrateAsync(connectionString, loggerFactory.CreateLogger("migrate"), CancellationToken.None);
    return;
}

builder.AddCvTailorApi();
var app = builder.Build();
app.UseCvTailorApi();
app.Run();

/// <summary>Entry point, public so integration tests can start the real host.</summary>
public partial class Program;
