using CvTailor.Embeddings;
using CvTailor.Embeddings.Worker;

var builder = WebApplication.CreateBuilder(args);

// `dotnet CvTailor.Embeddings.dll reembed [--model ID] [--user ID]`: enqueue re-embedding of every artifact and exit.
if (args is ["reembed", .. var rest])
{
    return await ReembedCommand.RunAsync(rest, builder.Configuration, Console.Out, CancellationToken.None);
}

builder.AddCvTailorEmbeddings();
var app = builder.Build();
app.UseCvTailorEmbeddings();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so tests can refer to the assembly.</summary>
public partial class Program;
