using System.ClientModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Llm.Chat;
using CvTailor.Data;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Generation.Rewriting;

/// <summary>
/// Optional LLM rewriting of a generated CV through <see cref="IChatClient"/>. The model gets the deterministic CV,
/// the posting's requirements and the ranked artifacts it may draw facts from, and must answer with the same JSON
/// shape. Its answer replaces the deterministic content only if it has exactly the contract's schema
/// (<see cref="CvContentSchema"/>), states no number, skill or name the artifacts lack (<c>GroundingChecker</c>),
/// and cites no URL the person's evidence does not have. Any failure leaves the deterministic CV in place; nothing
/// here fails a generation.
/// </summary>
public sealed partial class CvRewriter(
    ChatModel chat, IOptions<LlmOptions> options, LlmCircuitBreaker breaker, ILogger<CvRewriter> logger)
{
    const string Instructions = """
        You are an expert CV editor. You receive a job posting's requirements, a candidate's CV as JSON, and the
        candidate's artifacts (the only source of facts). Improve the CV's wording for this posting: a sharper
        professional_summary, achievement bullets that lead with impact, the posting's terminology where the artifacts
        support it. Rules: use only facts that appear in the artifacts or the CV; never add an employer, title, date,
        number, metric, skill, technology or URL that is not in them; keep every experience and project entry and its
        evidence URLs; keep the JSON shape exactly (the same keys, strings and arrays of strings). Answer with the JSON
        object only, no commentary.
        """;

    readonly LlmOptions _options = options.Value;

    public bool IsEnabled => chat.IsEnabled;

    public string Model => _options.Model;

    public async Task<RewriteOutcome> RewriteCvAsync(
        CvContent deterministic, PreparedMatch prepared, Generation.Model.UserProfile profile, CvTailorDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var client = chat.Client;
        if (client is null)
        {
            return RewriteOutcome.NotEnabled;
        }
        if (!await breaker.AllowAsync(db, _options.Model, ct))
        {
            return new RewriteOutcome(RewriteOutcome.Skipped, _options.Model, "The model's circuit breaker is open.");
        }

        var clock = Stopwatch.StartNew();
        ChatResponse response;
        using (var activity = GenerationTelemetry.Source.StartActivity(TelemetryNames.Spans.ChatCompletion))
        {
            activity?.SetTag("gen_ai.request.model", _options.Model);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.Timeout);
                response = await client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, Prompt(deterministic, prepared))],
                    new ChatOptions
                    {
                        ModelId = _options.Model,
                        Temperature = _options.Temperature,
                        MaxOutputTokens = _options.MaxOutputTokens,
                        ResponseFormat = ChatResponseFormat.Json,
                    },
                    timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or ClientResultException or InvalidOperationException or JsonException
                                           or OperationCanceledException && !ct.IsCancellationRequested)
            {
                LogCallFailed(logger, ex, _options.Model);
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                await breaker.RecordFailureAsync(db, _options.Model, ct);
                return new RewriteOutcome(RewriteOutcome.Failed, _options.Model,
                    ex is OperationCanceledException ? "The chat model did not answer in time." : "The chat model call failed.")
                {
                    DurationMs = (int)clock.ElapsedMilliseconds,
                };
            }
            activity?.SetTag("gen_ai.usage.input_tokens", response.Usage?.InputTokenCount);
            activity?.SetTag("gen_ai.usage.output_tokens", response.Usage?.OutputTokenCount);
        }
        await breaker.RecordSuccessAsync(db, _options.Model, ct);

        var model = string.IsNullOrEmpty(response.ModelId) ? _options.Model : response.ModelId;
        var input = (int)(response.Usage?.InputTokenCount ?? 0);
        var output = (int)(response.Usage?.OutputTokenCount ?? 0);
        GenerationTelemetry.Tokens.Add(input, new KeyValuePair<string, object?>(TelemetryNames.Attributes.TokenDirection, "input"));
        GenerationTelemetry.Tokens.Add(output, new KeyValuePair<string, object?>(TelemetryNames.Attributes.TokenDirection, "output"));
        var outcome = Vet(response.Text, prepared, profile);
        return outcome with { Model = model, InputTokens = input, OutputTokens = output, DurationMs = (int)clock.ElapsedMilliseconds };
    }

    /// <summary>The checks a rewrite must pass before it may replace the deterministic CV.</summary>
    static RewriteOutcome Vet(string text, PreparedMatch prepared, Generation.Model.UserProfile profile)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StripFence(text));
        }
        catch (JsonException)
        {
            return new RewriteOutcome(RewriteOutcome.Rejected, Reason: "The answer is not JSON.");
        }
        using (document)
        {
            var schema = CvContentSchema.Validate(document.RootElement);
            if (schema.Count > 0)
            {
                return new RewriteOutcome(RewriteOutcome.Rejected, Reason: "The answer does not have the CV content schema.", Problems: [.. schema.Take(20)]);
            }
            var candidate = document.RootElement.Deserialize<CvContent>(GenerationJson.Options)!;

            var known = prepared.Artifacts.SelectMany(a => a.EvidenceLinks.Select(l => l.Url))
                .Concat([profile.LinkedinUrl, profile.GithubUrl, profile.WebsiteUrl])
                .Where(u => u.Length > 0)
                .ToHashSet(StringComparer.Ordinal);
            var urls = candidate.Experience.SelectMany(e => e.EvidenceReferences).Concat(candidate.Projects.Select(p => p.EvidenceUrl))
                .Where(u => u.Length > 0);
            var unknownUrls = urls.Where(u => !known.Contains(u)).Distinct(StringComparer.Ordinal).ToList();
            if (unknownUrls.Count > 0)
            {
                return new RewriteOutcome(RewriteOutcome.Rejected, Reason: "The answer cites URLs that are not the person's evidence.", Problems: unknownUrls);
            }

            var source = prepared.Generator.PrepareGrounding(prepared.Request, profile, prepared.Artifacts, prepared.Match);
            var grounding = prepared.Generator.CheckGrounding(CvText.Flatten(candidate), source);
            if (!grounding.IsGrounded)
            {
                return new RewriteOutcome(RewriteOutcome.Rejected, Reason: "The answer states facts the artifacts do not contain.",
                    Problems: [.. grounding.Violations.Take(20).Select(v => $"{v.Kind}: {v.Value}")]) { Grounding = grounding };
            }
            return new RewriteOutcome(RewriteOutcome.Applied) { Content = candidate, Grounding = grounding };
        }
    }

    string Prompt(CvContent cv, PreparedMatch prepared)
    {
        var job = prepared.Match.Job;
        var artifacts = prepared.Match.Ranked.Take(_options.MaxArtifactsInPrompt).Select(r => r.Profile.Artifact).Select(a => new
        {
            title = a.Title,
            type = a.ArtifactType,
            start_date = a.StartDate?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            end_date = a.EndDate?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            description = a.Description.Length <= 2000 ? a.Description : a.Description[..2000],
            technologies = a.Technologies,
            evidence_urls = a.EvidenceLinks.Select(l => l.Url),
        });
        var payload = new
        {
            posting = new
            {
                role_title = job.RoleTitle,
                company = prepared.Request.CompanyName,
                must_have = job.MustHaveSkills,
                nice_to_have = job.NiceToHaveSkills,
                responsibilities = job.KeyResponsibilities,
            },
            cv,
            artifacts,
        };
        return JsonSerializer.Serialize(payload, GenerationJson.Options);
    }

    static string StripFence(string text)
    {
        var match = FencePattern().Match(text);
        return match.Success ? match.Groups[1].Value : text.Trim();
    }

    [GeneratedRegex(@"^\s*```(?:json)?\s*(.*?)\s*```\s*$", RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat model {Model} call failed; keeping the deterministic CV")]
    static partial void LogCallFailed(ILogger logger, Exception exception, string model);
}
