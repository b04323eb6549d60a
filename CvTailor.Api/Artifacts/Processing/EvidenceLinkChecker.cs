using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// <see cref="IEvidenceLinkChecker"/> over the named <see cref="HttpClientName"/> client (no automatic redirects, no
/// cookies, no proxy, no standard retries — see <see cref="EvidenceProcessingRegistration"/>). A check sends
/// <c>HEAD</c> (or <c>GET</c>, reading only the headers, when the server answers 405/501), follows up to
/// <see cref="EvidenceOptions.MaxRedirects"/> redirects itself so that <see cref="NetworkGuard"/> checks every hop,
/// and ends with the final status or an error, all within the given time limit.
/// </summary>
public sealed partial class EvidenceLinkChecker(
    IHttpClientFactory clients, NetworkGuard guard, HostGate hosts, IOptions<EvidenceOptions> options, ILogger<EvidenceLinkChecker> logger)
    : IEvidenceLinkChecker
{
    public const string HttpClientName = "evidence-links";

    /// <summary>Response headers kept in <c>validation_metadata</c>; cookies and anything user-specific never are.</summary>
    static readonly string[] KeptHeaders = ["Content-Type", "Content-Length", "Last-Modified", "ETag", "Server", "Cache-Control"];

    public async Task<LinkCheckResult> CheckAsync(string url, TimeSpan timeout, CancellationToken ct)
    {
        using var activity = EvidenceTelemetry.Source.StartActivity(TelemetryNames.Spans.EvidenceLinkCheck);
        var result = await RunAsync(url, timeout, activity, ct);
        activity?.SetTag(TelemetryNames.Attributes.Outcome, result.Outcome);
        if (result.StatusCode is { } status)
        {
            activity?.SetTag(TelemetryNames.Attributes.HttpStatusCode, status);
        }
        if (result.Error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Outcome);
        }
        EvidenceTelemetry.LinkChecks.Add(1, new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, result.Outcome));
        LogChecked(logger, SafeUrl.ForLog(url), result.Outcome, result.StatusCode);
        return result;
    }

    async Task<LinkCheckResult> RunAsync(string url, TimeSpan timeout, Activity? activity, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var current))
        {
            return LinkCheckResult.Failed("Invalid URL.");
        }
        activity?.SetTag(TelemetryNames.Attributes.ServerAddress, current.IdnHost);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var client = clients.CreateClient(HttpClientName);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (guard.RefuseTarget(current) is { } refusal)
                {
                    return LinkCheckResult.Refused(refusal);
                }
                using var response = await SendAsync(client, current, limit.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (hop >= options.Value.MaxRedirects)
                    {
                        return LinkCheckResult.Failed(string.Create(CultureInfo.InvariantCulture, $"Too many redirects (more than {options.Value.MaxRedirects})."));
                    }
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }
                return LinkCheckResult.Answered(status, KeptHeadersOf(response), current.AbsoluteUri);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return LinkCheckResult.Failed(string.Create(CultureInfo.InvariantCulture, $"Timed out after {timeout.TotalSeconds:0.#} s."));
        }
        catch (HttpRequestException ex) when (Refused(ex))
        {
            return LinkCheckResult.Refused(NetworkGuard.RefusedAddress);
        }
        catch (HttpRequestException ex)
        {
            return LinkCheckResult.Failed(ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "The host name could not be resolved.",
                HttpRequestError.ConnectionError => "The connection failed.",
                HttpRequestError.SecureConnectionError => "The TLS handshake failed.",
                HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => "The server sent an invalid response.",
                _ => "The request failed.",
            });
        }
        catch (UriFormatException)
        {
            return LinkCheckResult.Failed("The server redirected to an invalid URL.");
        }
    }

    async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri uri, CancellationToken ct)
    {
        using var gate = await hosts.EnterAsync(uri.IdnHost, ct);
        using (var head = new HttpRequestMessage(HttpMethod.Head, uri))
        {
            var response = await client.SendAsync(head, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode is not (HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented))
            {
                return response;
            }
            response.Dispose();
        }
        // Some servers refuse HEAD: ask with GET but stop at the headers (the body is never read).
        using var get = new HttpRequestMessage(HttpMethod.Get, uri);
        return await client.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    static Dictionary<string, string> KeptHeadersOf(HttpResponseMessage response)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in KeptHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                var value = string.Join(", ", values);
                kept[name] = value.Length > 200 ? value[..200] : value;
            }
        }
        return kept;
    }

    static bool Refused(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is RefusedAddressException)
            {
                return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evidence link {Url} checked: {Outcome} ({StatusCode})")]
    static partial void LogChecked(ILogger logger, string url, string outcome, int? statusCode);
}
