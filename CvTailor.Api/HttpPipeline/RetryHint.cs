using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace CvTailor.Api.HttpPipeline;

/// <summary>
/// "Ask again in …" on a status answer about unfinished work, so a polling client asks about when the answer can
/// have changed instead of at its own guess. <c>Retry-After</c> carries whole seconds only (RFC 9110), too coarse for
/// work that takes tens of milliseconds, so the precise hint is <c>Retry-After-Ms</c> (the header Azure's and
/// OpenAI's APIs send for the same purpose); the standard one is added when the hint is a second or more. Both are
/// exposed to browser clients (<see cref="BrowserOrigins"/>).
/// </summary>
public static class RetryHint
{
    public const string MillisecondsHeader = "Retry-After-Ms";

    /// <summary>Never sooner: below this a poll costs more than the latency it saves.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(20);

    /// <summary>Never later: long work still shows its progress.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    public static void Set(HttpResponse response, TimeSpan after)
    {
        ArgumentNullException.ThrowIfNull(response);
        var hint = after < Shortest ? Shortest : after > Longest ? Longest : after;
        response.Headers[MillisecondsHeader] = ((long)Math.Ceiling(hint.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        if (hint >= TimeSpan.FromSeconds(1))
        {
            response.Headers[HeaderNames.RetryAfter] = ((long)Math.Round(hint.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
