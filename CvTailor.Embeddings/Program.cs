var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => TypedResults.Ok(new { service = "cvtailor-embeddings" }));
app.Run();
