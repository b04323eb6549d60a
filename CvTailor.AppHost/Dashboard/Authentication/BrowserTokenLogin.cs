using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CvTailor.AppHost.Dashboard.Authentication;

/// <summary>
/// Login by the browser token the AppHost prints: <c>GET /login?t=TOKEN</c> sets the auth cookie and redirects to
/// the dashboard (or the local ReturnUrl). Without a token it shows a small form to paste one.
/// </summary>
public static class BrowserTokenLogin
{
    public const string Path = "/login";
    public const string CookieName = "cvtailor.dashboard";

    public static IEndpointConventionBuilder MapBrowserTokenLogin(this IEndpointRouteBuilder app, string browserToken)
    {
        var expected = Encoding.UTF8.GetBytes(browserToken);
        return app.MapGet(Path, async (HttpContext context, string? t, string? returnUrl) =>
        {
            if (string.IsNullOrEmpty(t))
            {
                return Page(StatusCodes.Status200OK, "Open the login URL printed on the AppHost console, or paste its token.", returnUrl);
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(t), expected))
            {
                return Page(StatusCodes.Status401Unauthorized, "That token is not valid for this run of the AppHost.", returnUrl);
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "dashboard-user")], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            // Only local paths: an absolute ReturnUrl would make the login an open redirect.
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl
                : "/";
            return Results.Redirect(target);
        }).AllowAnonymous();
    }

    static IResult Page(int statusCode, string message, string? returnUrl)
    {
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>CV Tailor dashboard – login</title>
            <style>body{font-family:'Segoe UI',system-ui,sans-serif;max-width:32rem;margin:4rem auto;color:#242424}
            input{width:100%;padding:.5rem;margin:.5rem 0;box-sizing:border-box}button{padding:.5rem 1rem}</style></head>
            <body><h1>CV Tailor dashboard</h1><p>{{WebUtility.HtmlEncode(message)}}</p>
            <form method="get" action="{{Path}}"><label for="t">Browser token</label>
            <input id="t" name="t" type="password" autocomplete="off" autofocus>
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
            <button type="submit">Log in</button></form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
