namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Names of CV Tailor's own spans, instruments and attributes, so producers and docs/telemetry.md agree. Each span
/// is started on the <see cref="CvTailorTelemetry"/> ActivitySource named in its comment; each instrument lives on
/// the Meter of the same name. Units follow OpenTelemetry's conventions (seconds for durations, {curly} annotations
/// for counts).
/// </summary>
public static class TelemetryNames
{
    public static class Spans
    {
        /// <summary>CvTailor.Embeddings: one batch of texts through the embedding model.</summary>
        public const string EmbeddingBatch = "embeddings.batch";

        /// <summary>CvTailor.Embeddings: text extraction from an uploaded file (pdf, docx, md, txt).</summary>
        public const string Extraction = "embeddings.extract";

        /// <summary>CvTailor.Embeddings: splitting extracted text into model-sized chunks.</summary>
        public const string Chunking = "embeddings.chunk";

        /// <summary>CvTailor.Queue: claiming jobs with FOR UPDATE SKIP LOCKED.</summary>
        public const string QueueClaim = "queue.claim";

        /// <summary>CvTailor.Queue: processing one claimed job, from claim to completion or retry.</summary>
        public const string QueueProcess = "queue.process";

        /// <summary>CvTailor.Generation: one CV / cover-letter generation request.</summary>
        public const string Generation = "generation.generate";

        /// <summary>CvTailor.Generation: parsing a job description.</summary>
        public const string JobParsing = "generation.parse_job";

        /// <summary>CvTailor.Generation: ranking the user's artifacts against a job.</summary>
        public const string Ranking = "generation.rank";

        /// <summary>CvTailor.Generation: semantic scoring inside a ranking (the caller's chunk vectors read once, every query line scored against them).</summary>
        public const string SemanticScoring = "generation.semantic_scores";

        /// <summary>CvTailor.Generation: one call to a chat model (IChatClient), when configured.</summary>
        public const string ChatCompletion = "generation.chat";

        /// <summary>CvTailor.Export: rendering one document (pdf, docx, markdown, json-resume).</summary>
        public const string Export = "export.render";

        /// <summary>CvTailor.Import: one import of an original CV Tailor SQLite database.</summary>
        public const string Import = "import.run";

        /// <summary>CvTailor.Import: copying one table during an import.</summary>
        public const string ImportTable = "import.table";

        /// <summary>CvTailor.Import: the media phase of an import (copying the original's media/ files).</summary>
        public const string ImportMedia = "import.media";

        /// <summary>CvTailor.Import: the verification phase of an import or of import-sqlite --verify-only.</summary>
        public const string ImportVerify = "import.verify";

        /// <summary>CvTailor.Import: one export-sqlite run (PostgreSQL back to an original-format SQLite file).</summary>
        public const string ExportSqlite = "export_sqlite.run";

        /// <summary>CvTailor.Import: writing one table during export-sqlite.</summary>
        public const string ExportSqliteTable = "export_sqlite.table";

        /// <summary>CvTailor.Import: verifying the written SQLite file against PostgreSQL after export-sqlite.</summary>
        public const string ExportSqliteVerify = "export_sqlite.verify";

        /// <summary>CvTailor.Api: one artifact processing job (PDF metadata, evidence-link checks, GitHub analysis).</summary>
        public const string ArtifactProcessing = "artifacts.process";

        /// <summary>CvTailor.Api: checking one evidence link (redirects and the GET fallback included).</summary>
        public const string EvidenceLinkCheck = "evidence.check_link";

        /// <summary>CvTailor.Api: reading one GitHub repository's details through the GitHub REST API.</summary>
        public const string GitHubAnalysis = "evidence.github";

        /// <summary>CvTailor.Api: one password hash computed (hashing a new password, or checking one: PBKDF2).</summary>
        public const string PasswordHash = "auth.password_hash";
    }

    public static class Instruments
    {
        /// <summary>CvTailor.Queue, observable gauge, {job}: jobs waiting, by queue and state.</summary>
        public const string QueueDepth = "cvtailor.queue.depth";

        /// <summary>CvTailor.Queue, histogram, s: time from enqueue to completion of a job.</summary>
        public const string JobLatency = "cvtailor.queue.job.latency";

        /// <summary>CvTailor.Queue, histogram, s: time spent processing a claimed job.</summary>
        public const string JobDuration = "cvtailor.queue.job.duration";

        /// <summary>CvTailor.Queue, counter, {job}: jobs that failed an attempt (outcome=retry|dead_letter).</summary>
        public const string JobFailures = "cvtailor.queue.job.failures";

        /// <summary>CvTailor.Embeddings, counter, {embedding}: vectors produced; its rate is embeddings/s.</summary>
        public const string EmbeddingsGenerated = "cvtailor.embeddings.generated";

        /// <summary>CvTailor.Embeddings, histogram, s: duration of one embedding batch.</summary>
        public const string EmbeddingBatchDuration = "cvtailor.embeddings.batch.duration";

        /// <summary>CvTailor.Generation, histogram, s: duration of one generation.</summary>
        public const string GenerationDuration = "cvtailor.generation.duration";

        /// <summary>CvTailor.Generation, counter, {token}: chat-model tokens (direction=input|output).</summary>
        public const string GenerationTokens = "cvtailor.generation.tokens";

        /// <summary>CvTailor.Generation, counter, {generation}: generations that failed.</summary>
        public const string GenerationFailures = "cvtailor.generation.failures";

        /// <summary>CvTailor.Export, histogram, s: duration of one export (format=pdf|docx|markdown|json).</summary>
        public const string ExportDuration = "cvtailor.export.duration";

        /// <summary>CvTailor.Import, counter, {row}: rows imported (table=...).</summary>
        public const string ImportRows = "cvtailor.import.rows";

        /// <summary>CvTailor.Import, counter, {row}: rows written by export-sqlite (table=...).</summary>
        public const string ExportSqliteRows = "cvtailor.export_sqlite.rows";

        /// <summary>CvTailor.Import, histogram, s: duration of one migrator run (command=import-sqlite|export-sqlite, outcome).</summary>
        public const string MigrationDuration = "cvtailor.migrator.duration";

        /// <summary>CvTailor.Api, counter, {lookup}: query-embedding cache lookups (cvtailor.cache.result=hit|miss, model).</summary>
        public const string QueryEmbeddingCache = "cvtailor.query_embedding.cache";

        /// <summary>CvTailor.Api, counter, {check}: evidence-link checks (outcome=accessible|unreachable|error|refused).</summary>
        public const string EvidenceLinkChecks = "cvtailor.evidence.link_checks";

        /// <summary>CvTailor.Api, histogram, s: duration of one artifact processing job (outcome=completed|failed).</summary>
        public const string ArtifactProcessingDuration = "cvtailor.artifact.processing.duration";

        /// <summary>CvTailor.Api, up-down counter, {request}: /api requests waiting for a slot (RequestAdmission).</summary>
        public const string AdmissionQueued = "cvtailor.api.admission.queued";

        /// <summary>CvTailor.Api, histogram, s: how long an admitted /api request waited for its slot.</summary>
        public const string AdmissionWait = "cvtailor.api.admission.wait";

        /// <summary>CvTailor.Api, counter, {request}: /api requests answered 503 because the wait queue was full.</summary>
        public const string AdmissionRejected = "cvtailor.api.admission.rejected";
    }

    public static class Attributes
    {
        public const string Queue = "cvtailor.queue";
        public const string JobState = "cvtailor.job.state";
        public const string Outcome = "cvtailor.outcome";
        public const string EmbeddingModel = "cvtailor.embedding.model";
        public const string BatchSize = "cvtailor.batch.size";
        public const string ExportFormat = "cvtailor.export.format";
        public const string ImportTable = "cvtailor.import.table";
        /// <summary>The SQLite file's name (never its directory: that is a path on someone's machine).</summary>
        public const string ImportSource = "cvtailor.import.source";
        public const string DryRun = "cvtailor.import.dry_run";
        public const string VerifyOnly = "cvtailor.import.verify_only";
        public const string RowsTotal = "cvtailor.import.rows_total";
        public const string SkippedRows = "cvtailor.import.skipped_rows";
        public const string SourceRows = "cvtailor.import.source_rows";
        public const string TableRows = "cvtailor.import.table.rows";
        public const string MigratorCommand = "cvtailor.migrator.command";
        public const string TokenDirection = "cvtailor.token.direction";
        public const string ArtifactId = "cvtailor.artifact.id";
        public const string JobId = "cvtailor.job.id";
        public const string CacheResult = "cvtailor.cache.result";
        public const string EvidenceLinkCount = "cvtailor.evidence.links";
        /// <summary>The host of a checked link (never the full URL: paths and queries may carry secrets).</summary>
        public const string ServerAddress = "server.address";
        public const string HttpStatusCode = "http.response.status_code";
    }
}
