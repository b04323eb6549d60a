using CvTailor.Bench.Api;
using CvTailor.Bench.Embeddings;
using CvTailor.Bench.Generation;
using CvTailor.Bench.SqliteTransfer;
using CvTailor.Bench.Model;
using CvTailor.Bench.Ranking;

// Bench and evaluation commands; each prints its figures. Usage: dotnet run --project CvTailor.Bench -- <command> [options]
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

var command = args.Length > 0 ? args[0] : "help";
var rest = args.Skip(1).ToArray();
return command switch
{
    "ranking-eval" => await RankingEvalCommand.RunAsync(rest, Console.Out, cts.Token),
    "ranking-eval-api" => await RankingEvalApiCommand.RunAsync(rest, Console.Out, cts.Token),
    "parse-job" => await ParseCommand.RunAsync(rest, Console.Out, cts.Token),
    "ranking-explain" => await ExplainCommand.RunAsync(rest, Console.Out, cts.Token),
    "generate-sample" => await SampleCommand.RunAsync(rest, Console.Out, cts.Token),
    "export-sample" => await ExportSampleCommand.RunAsync(rest, Console.Out, cts.Token),
    "generation-bench" => await GenerationBenchCommand.RunAsync(rest, Console.Out, cts.Token),
    "generation-api-bench" => await GenerationApiBenchCommand.RunAsync(rest, Console.Out, cts.Token),
    "api-bench" => await ApiBenchCommand.RunAsync(rest, Console.Out, cts.Token),
    "bench-model" => await ModelBenchmark.RunAsync(rest),
    "check-normalization" => NormalizationCommand.Run(),
    "embeddings-latency" => await EmbeddingLatencyCommand.RunAsync(rest, Console.Out, cts.Token),
    "match-latency" => await MatchLatencyCommand.RunAsync(rest, Console.Out, cts.Token),
    "scale-report" => await ScaleReportCommand.RunAsync(rest, Console.Out, cts.Token),
    "search-latency" => await SearchLatencyCommand.RunAsync(rest, Console.Out, cts.Token),
    "hnsw-recall" => await HnswRecallCommand.RunAsync(rest, Console.Out, cts.Token),
    "import-vs-pgloader" => await ImportVsPgloaderCommand.RunAsync(rest, Console.Out, cts.Token),
    "tokenize" when rest.Length > 0 => TokenizeCommand.Run(rest[0], rest.Length > 1 ? rest[1] : null),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        commands:
          ranking-eval [--data PATH] [--embeddings none|hashing|use-lite] [--taxonomy shipped|names-only|held-out|held-out-all] [--folds 2] [--as-of YYYY-MM-DD] [--set Option=value] [--verbose]
              held-out: the aliases the vocabulary_shift postings use removed (held-out-all: any posting's); --folds N: hybrid figures per part and per person
          ranking-eval-api [--data PATH] [--semantic on|off] [--taxonomy ...] [--set Option=value] [--verbose]   the dev set through a real Api + Embeddings worker (stored chunks, as of today)
          ranking-explain JOB_ID [--data PATH] [--embeddings none|hashing|use-lite] [--taxonomy shipped|names-only|held-out|held-out-all] [--set Option=value]
          parse-job FILE [COMPANY]      the parser's reading of a posting (requirements, keywords, industry) as JSON
          generate-sample JOB_ID [--data PATH] [--letter]
          export-sample JOB_ID OUT_DIR [--evidence hyperlinks|footnotes|qr_codes]
          generation-bench [--artifacts 200] [--iterations 50] [--data PATH]
          generation-api-bench [--artifacts 200] [--iterations 50] [--data PATH]
          api-bench [--scenarios login,artifact-create,artifact-list,artifact-list-filtered,artifact-processing,search,match] [--requests 200] [--concurrency 8|1,8,32] [--warmup 20] [--hash-iterations N] [--first-poll-ms 10] [--poll-ms 250] [--set Key=value]
          bench-model [--count 1000] [--runs 5] [--pack 32] [--model DIR] [--no-node]
              local sentence encoder: sentences/s on 1 and 2 threads vs the Node runtime on the same texts, load, memory
          check-normalization           exits 1 when Unicode NFKC is unavailable (invariant globalization)
          tokenize TEXT [MODEL-DIR]     token ids of TEXT for the local encoder
          embeddings-latency [--artifacts 100] [--burst 100]
              save → vectors stored p50/p95 (Api + worker in-process on a throwaway PostgreSQL)
          match-latency [--artifacts 200] [--iterations 50] [--warmup 200] [--sql-parts] [--save-answer FILE]
              match and search via the Api with semantic scoring on (Embeddings service) vs their own data access (ratio),
              where a match's server time goes, storage bytes per chunk for each vector form
          scale-report [--requests 200]
              machine, date and load average; match-latency, then api-bench with login, artifact-processing, search and match at concurrency 1, 8 and 32
          search-latency [--artifacts 200] [--queries 50] [--rounds 5]
              artifact search via the Api vs the same SQL in psql, per metric (ratio)
          hnsw-recall [--chunks 100000] [--queries 100] [--exact-sql 10]
              HNSW recall@10 and QPS vs exact, cross-user, real model vectors
          import-vs-pgloader [--size-mb 120] [--runs 3]
              import-sqlite (full command, and load alone) vs pgloader on one generated Django database, process start to exit
        """);
    return 1;
}
