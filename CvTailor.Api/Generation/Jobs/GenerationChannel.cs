using CvTailor.Api.BackgroundWork;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Generation.Jobs;

/// <summary>Generated documents waiting to be generated.</summary>
public sealed class GenerationChannel : WorkChannel;

/// <summary>The generation worker.</summary>
public sealed class GenerationWorker(GenerationChannel queue, IServiceScopeFactory scopes, IOptions<BackgroundWorkOptions> options, ILogger<GenerationWorker> logger)
    : WorkChannelService<GenerationRunner>(queue, scopes, options, logger);
