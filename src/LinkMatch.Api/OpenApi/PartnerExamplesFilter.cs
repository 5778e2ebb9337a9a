using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LinkMatch.Api.Workflow;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using E = LinkMatch.Api.OpenApi.PartnerExamples;

namespace LinkMatch.Api.OpenApi;

/// <summary>Request and response examples of the partner-facing operations (<see cref="PartnerExamples"/>),
/// written with the API's own JSON settings so that they read exactly as the wire does.</summary>
internal sealed class PartnerExamplesFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    // A request example leaves out what a client need not send; an answer example shows every property, as the
    // answer does.
    private readonly JsonSerializerOptions requestOptions = new(json.Value.SerializerOptions)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly JsonSerializerOptions answerOptions = json.Value.SerializerOptions;

    private Dictionary<string, (object? Request, Dictionary<string, object> Responses)> Examples => new()
    {
        ["CreateVacancy_Create"] = (E.NewVacancy, new()
        {
            ["201"] = E.Vacancy(),
            ["400"] = Validation("closesOn", "A vacancy cannot close before it opens."),
            ["409"] = Problem(409, "Conflict", "The employer has no active MoU covering placement with your office."),
            ["422"] = Problem(422, "Unprocessable request",
                "This Idempotency-Key was already used with a different request; use a new key for a new vacancy."),
        }),
        ["UpdateVacancy_Update"] = (E.ChangedVacancy, new()
        {
            ["200"] = E.Vacancy(openings: 3),
            ["409"] = Problem(409, "Conflict", "The vacancy is filled; only open vacancies can be amended."),
        }),
        ["VacancyFilling_Fill"] = (new Vacancies.FillVacancyRequest(2), new() { ["200"] = E.Vacancy(filled: 2, status: "filled") }),
        ["VacancyQueries_Get"] = (null, new() { ["200"] = E.Vacancy() }),
        ["WorkflowQueries_ListReferrals"] = (null, new() { ["200"] = E.Referrals }),
        ["WorkflowQueries_Get"] = (null, new() { ["200"] = E.Referral }),
        ["ReferralOutcomes_Interview"] = (E.Interview, new()
        {
            ["200"] = E.State(SuggestionStatuses.InterviewScheduled),
            ["409"] = Problem(409, "Conflict", "The vacancy is filled; its referrals are closed."),
        }),
        ["HireCandidate_Hire"] = (E.Hire, new()
        {
            ["200"] = E.State(SuggestionStatuses.Hired, placementId: E.Placement.Id),
            ["400"] = Validation("monthlyWage", "A job's hire states the monthly wage."),
        }),
        ["ReferralOutcomes_NotHired"] = (E.NotHired, new() { ["200"] = E.State(SuggestionStatuses.NotHired) }),
        ["PlacementQueries_Get"] = (null, new() { ["200"] = E.Placement }),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id || !Examples.TryGetValue(id, out var example))
        {
            return;
        }

        if (example.Request is { } request && operation.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var body))
        {
            body.Example = Node(request, requestOptions);
        }

        foreach (var (status, value) in example.Responses)
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content is { } media)
            {
                foreach (var type in media.Values)
                {
                    type.Example = Node(value, answerOptions);
                }
            }
        }
    }

    private static JsonNode? Node(object value, JsonSerializerOptions options) =>
        value as JsonNode ?? JsonSerializer.SerializeToNode(value, value.GetType(), options);

    private static JsonObject Problem(int status, string title, string detail) => new()
    {
        ["type"] = status == 409 ? "https://tools.ietf.org/html/rfc9110#section-15.5.10" : "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["instance"] = "/api/v1/vacancies",
        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    };

    private static JsonObject Validation(string field, string message) => new()
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        ["title"] = "One or more validation errors occurred.",
        ["status"] = 400,
        ["errors"] = new JsonObject { [field] = new JsonArray(message) },
        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    };
}
