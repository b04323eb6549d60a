using CvTailor.Bench;

return args.FirstOrDefault() switch
{
    "bench-model" => await ModelBenchmark.RunAsync(args[1..]),
    "check-normalization" => NormalizationCommand.Run(),
    "bench-kernel" => KernelBenchmark.Run(),
    "tokenize" when args.Length > 1 => TokenizeCommand.Run(args[1], args.Length > 2 ? args[2] : null),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: CvTailor.Bench <command>
          bench-model [--count 1000] [--runs 5] [--pack 32] [--model DIR] [--no-node]
              sentences/s of the C# Universal Sentence Encoder Lite on 1 and 2 threads against the Node runtime on
              the same texts, load time and memory (needs node; installs the runtime with eng/model/install-node-runtime.sh)
          check-normalization
              exits 1 when Unicode NFKC is unavailable (invariant globalization), as the service's start-up check does
          tokenize TEXT [MODEL-DIR]
              prints the token ids of TEXT
        """);
    return 2;
}
