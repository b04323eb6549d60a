using System.Text.Json;
using CvTailor.Api.DrfContract;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CvTailor.Api.HttpPipeline;

/// <summary>The conventions every area shares: JSON shape, limits, errors, slashes, rate limits, OpenAPI.</summary>
public static class HttpConventions
{
    public static WebApplicationBuilder AddHttpConventions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = EmptyErrorBodies.Describe);
        services.AddExceptionHandler<UnexpectedErrorHandler>();
        services.AddApiRateLimits(builder.Configuration);
        services.AddRequestAdmission();
        builder.AddBrowserOrigins();
        services.AddOpenApi(o => o.AddBearerSecurity().AddDocumentTransformer((document, _, _) =>
        {
            // Route templates lose their trailing slash in the document; clients should see the canonical form.
            var paths = new OpenApiPaths();
            foreach (var (path, item) in document.Paths)
            {
                paths[path.StartsWith("/api/", StringComparison.Ordinal) && !path.EndsWith('/') ? path + "/" : path] = item;
            }
            document.Paths = paths;
            return Task.CompletedTask;
        }));
        services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>snake_case names and the contract's datetime format, for request binding and responses alike.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new UtcDateTimeJsonConverter());
        options.Converters.Add(new UtcDateTimeOffsetJsonConverter());
    }

    /// <summary>
    /// The middleware in order: errors outermost, then bodies for bare error statuses; the slash completed before routing; body limits and the 405 body
    /// need the endpoint; throttling before authentication so a flood never reaches the database; CORS right after
    /// routing, so preflights are answered before anything else and every answer (429s too) carries its headers; the
    /// outage gate before anything that reads the database; bounded admission after it, so a request queued for a slot
    /// is let go at once when the database goes away and a throttled one never takes a slot; the input policy last, so
    /// a caller who may not call the endpoint gets its 401/429 before its body is read.
    /// </summary>
    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseEmptyErrorBodies();
        app.UseOptionalTrailingSlash();
        app.UseRouting();
        app.UseBrowserOrigins();
        app.UseRequestBodyLimits();
        app.UseMethodNotAllowedBody();
        app.UseRateLimiter();
        app.UseDatabaseOutageGate();
        app.UseRequestAdmission();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseInputPolicy();
        return app;
    }

    /// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and the Scalar page (<c>/scalar</c>), Development only.</summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }
        return app;
    }
}
