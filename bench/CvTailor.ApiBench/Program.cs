using CvTailor.ApiBench;

// Loopback latency of the real Api: `dotnet run -c Release --project bench/CvTailor.ApiBench -- api [options]`.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

if (args is not ["api", .. var rest])
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}
if (!BenchOptions.TryParse(rest, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}
return await ApiBenchCommand.RunAsync(options, Console.Out, cts.Token);
