using LinkMatch.Api.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LinkMatch.Api.OpenApi;

/// <summary>The answers every operation can give besides its own, declared on every operation so that a client
/// generator or a gateway knows them: 400 with the validation problem where the operation takes input, 429 with
/// Retry-After where a budget applies (employers' API keys, sign-in), 500, and 503 with Retry-After when the
/// database is unreachable. All are <c>application/problem+json</c>.</summary>
internal sealed class StandardResponsesFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validation = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        var takesInput = operation.Parameters is { Count: > 0 } || operation.RequestBody is not null;
        if (takesInput)
        {
            operation.Responses.TryAdd("400", Response(
                "The request is not valid: `errors` names each field and the reason; nothing was changed.", validation));
        }

        var employerMayCall = OpenApiSetup.CallersOf(context.ApiDescription) is var (_, roles) && roles.Contains(Roles.Employer);
        if (employerMayCall || context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            operation.Responses.TryAdd("429", Response(
                "Over the request budget (per employer API key, or sign-in attempts per address): wait the seconds Retry-After gives.",
                problem, retryAfter: true));
        }

        operation.Responses.TryAdd("500", Response("An error on the server's side; it is logged, and the answer carries no detail.", problem));
        operation.Responses.TryAdd("503", Response("The database is unreachable for the moment: try again after Retry-After seconds.",
            problem, retryAfter: true));

        // An operation's own refusals (401 and 403 from its policy, 404 from its handler's NotFound) are
        // problem+json as well; say so, and what each means here.
        foreach (var (code, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5').ToList())
        {
            if (response is OpenApiResponse { Content: null or { Count: 0 } } bare)
            {
                bare.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = code == "400" ? validation : problem },
                };
                bare.Description = Descriptions.TryGetValue(code, out var said) ? said : bare.Description;
            }
        }
    }

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["404"] = "No such object, or not one the caller may see (another office's, BLK's or employer's): the same answer either way.",
        ["409"] = "The object's state does not allow this now (`detail` says why); nothing was changed.",
        ["410"] = "The job seeker's personal data has been erased.",
        ["422"] = "The request is well-formed but cannot be carried out as sent (`detail` says why); nothing was changed.",
    };

    private static OpenApiResponse Response(string description, IOpenApiSchema schema, bool retryAfter = false)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        }

        return response;
    }
}
