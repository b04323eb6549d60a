using CvTailor.Api.Auth.Google;
using CvTailor.Api.Auth.Passwords;
using CvTailor.Api.Auth.Profile;
using CvTailor.Api.Auth.Tokens;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Auth;

/// <summary>The Accounts area (<c>/api/v1/auth/</c>) and the JWT authentication every area relies on.</summary>
public static class AuthEndpoints
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section);
        services.AddOptions<RefreshReuseOptions>().BindConfiguration(RefreshReuseOptions.Section);
        services.AddSingleton<RefreshFamilyLimiter>();
        services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.Section);
        services.AddOptions<GoogleOptions>().BindConfiguration(GoogleOptions.Section);
        services.AddOptions<ProfileImageOptions>().BindConfiguration(ProfileImageOptions.Section);
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<PasswordService>();
        services.AddScoped<TokenService>();
        services.AddScoped<ProfileImages>();
        services.AddSingleton<GoogleIdTokenVerifier>();
        services.AddSingleton(sp => new GoogleKeySet(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(GoogleKeySet.HttpClientName),
            sp.GetRequiredService<IOptions<GoogleOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GoogleKeySet>>()));
        // One fetch with its own timeout; the key set falls back to its last good keys, so retries would only delay the answer.
#pragma warning disable EXTEXP0001 // Evaluation API; the alternative is the defaults' retries delaying every failure by seconds.
        services.AddHttpClient(GoogleKeySet.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddJwtAuthentication();
        services.AddAuthorizationBuilder().AddStaffPolicy();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        // Resolve the signing key now: a missing key must stop startup, not fail the first request.
        _ = app.ServiceProvider.GetRequiredService<JwtSigningKey>();
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        auth.MapAccounts();
        auth.MapProfile(app.ServiceProvider.GetRequiredService<IOptions<ProfileImageOptions>>().Value.MaxBytes);
        auth.MapGoogle();
        app.MapProfileMedia();
        return app;
    }
}
