using CvTailor.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<CvTailorDbContext>("cvtailor");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => TypedResults.Ok(new { service = "cvtailor-api" }));
app.Run();

/// <summary>Entry point, public so integration tests can start the real host.</summary>
public partial class Program;
