using CvTailor.SentenceEncoder;

namespace CvTailor.Bench.Model;

internal static class NormalizationCommand
{
    public static int Run()
    {
        try
        {
            UnicodeNormalizationCheck.EnsureAvailable();
            Console.WriteLine("NFKC available");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
