using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CvTailor.AppHost.Dashboard.Otlp;

/// <summary>
/// Rejects OTLP requests (gRPC and HTTP alike) whose <c>x-otlp-api-key</c> header is missing or wrong with 401,
/// before any body is read. The comparison is constant-time.
/// </summary>
public sealed class OtlpApiKeyMiddleware(RequestDelegate next, byte[] expectedKey)
{
    public const string HeaderName = "x-otlp-api-key";

    public Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[HeaderName];
        if (presented.Count != 1
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented[0] ?? ""), expectedKey))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = HeaderName;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
