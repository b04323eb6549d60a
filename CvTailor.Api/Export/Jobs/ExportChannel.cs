using CvTailor.Api.BackgroundWork;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Export.Jobs;

/// <summary>Export jobs waiting to be rendered.</summary>
public sealed class ExportChannel : WorkChannel;

/// <summary>The export worker (same bounded parallelism as generation).</summary>
public sealed class ExportWorker(ExportChannel queue, IServiceScopeFactory scopes, IOptions<BackgroundWorkOptions> options, ILogger<ExportWorker> logger)
    : WorkChannelService<ExportRunner>(queue, scopes, options, logger);
