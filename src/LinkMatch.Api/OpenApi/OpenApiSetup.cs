using System.Reflection;
using LinkMatch.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LinkMatch.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>, with both
/// ways to sign in (bearer token for users, API key for employers).</summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "apiKey";

    public static IHostApplicationBuilder AddOpenApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(c =>
        {
            c.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "LinkMatch API",
                Version = "v1",
                Description = "Matching job seekers, BLK graduates and MoU partners' vacancies for Disnaker offices. " +
                    "Sign in with POST /api/v1/auth/login and use the access token (Authorize → bearer), or call " +
                    "as an employer with an API key (Authorize → apiKey).",
            });
            c.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/v1/auth/login.",
            });
            c.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An employer's API key (lmk_…), issued by staff.",
            });
            c.OperationFilter<SecurityOperationFilter>();
            c.OperationFilter<QueryParameterFilter>();
            c.OperationFilter<ParameterLimitsFilter>();
            c.OperationFilter<StandardResponsesFilter>();
            c.OperationFilter<PartnerExamplesFilter>();
            c.SchemaFilter<LimitSchemaFilter>();
            c.CustomSchemaIds(SchemaId);
            // Every operation is named for its handler, so a client generator's method names and the route table
            // (README.md) agree: GET /api/v1/vacancies/ is VacancyQueries_List.
            c.CustomOperationIds(d => d.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault() is { } m
                ? Commands.RoutesCommand.Handler(m) is var (type, name) ? $"{type.Name}_{name}" : null
                : null);
            c.SupportNonNullableReferenceTypes();
            c.NonNullableReferenceTypesAsRequired();
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                c.IncludeXmlComments(xml);
            }
        });
        return builder;
    }

    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "LinkMatch API v1");
            o.DocumentTitle = "LinkMatch API";
            o.EnablePersistAuthorization();
        });
        return app;
    }

    // Nested records (SignInOutcome.Success) would otherwise clash on their short names.
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}Of{string.Join("And", type.GetGenericArguments().Select(SchemaId))}"
            : type.Name;
        return type.DeclaringType is { } outer && !type.IsGenericParameter ? $"{SchemaId(outer)}{name}" : name;
    }

    /// <summary>The policy an operation names and the roles it admits (any caller without a policy); null for an
    /// anonymous operation.</summary>
    internal static (string? Policy, string[] Roles)? CallersOf(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        var policy = metadata.OfType<IAuthorizeData>().LastOrDefault()?.Policy;
        return (policy, policy is not null && Policies.RolesOf.TryGetValue(policy, out var roles) ? roles : Policies.RolesOf[Policies.AnyCaller]);
    }

    /// <summary>Marks each operation with the scheme its policy accepts, and documents 401 and 403.</summary>
    private sealed class SecurityOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (CallersOf(context.ApiDescription) is not var (policy, roles))
            {
                return;
            }

            operation.Security ??= [];
            if (roles.Any(x => x != Roles.Employer))
            {
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                });
            }

            if (roles.Contains(Roles.Employer))
            {
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [],
                });
            }

            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Not signed in, or the credentials are expired or revoked." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"Signed in, but this needs the '{policy}' policy." });
            operation.Description = $"{operation.Description}\n\nAllowed: {string.Join(", ", roles)}.".Trim();
        }
    }
}
