using System.Text.Json;
using System.Text.Json.Serialization;
using LinkMatch.Api.Pages;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Http;

/// <summary>Request limits.</summary>
public sealed class LimitOptions
{
    /// <summary>The largest request body accepted, in bytes (the CSV import has its own, larger limit).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public long MaxImportBodyBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>JSON, validation and errors as every endpoint expects them: strict input, problem+json output.</summary>
public static class ApiDefaults
{
    public static IHostApplicationBuilder AddApiDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitOptions>().BindConfiguration("Limits");
        builder.Services.Configure<JsonOptions>(o =>
        {
            Configure(o.SerializerOptions);
            // Every string of a request body is read as text a person or a system meant (see TextInput).
            o.SerializerOptions.Converters.Add(new PlainTextConverter());
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            if (ctx.ProblemDetails is HttpValidationProblemDetails validation)
            {
                FieldNames.ToJsonNames(validation.Errors);
            }
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes")
                ?? new LimitOptions().MaxRequestBodyBytes);
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<LimitOptions>>((o, limits) =>
            o.MultipartBodyLengthLimit = limits.Value.MaxImportBodyBytes);
        return builder;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        // Unknown or misspelled properties are errors, never silently dropped.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    /// <summary>Errors as problem+json for the API; the console re-executes its own error page instead
    /// (<c>/galat/{status}</c>), with the same status code.</summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseWhen(ctx => ConsoleSetup.IsConsole(ctx.Request), console =>
        {
            console.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/galat/500",
                StatusCodeSelector = ApiExceptionHandler.StatusFor,
            });
            console.UseStatusCodePagesWithReExecute("/galat/{0}");
        });
        app.UseWhen(ctx => !ConsoleSetup.IsConsole(ctx.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseMiddleware<TextInputMiddleware>();
        return app;
    }
}
