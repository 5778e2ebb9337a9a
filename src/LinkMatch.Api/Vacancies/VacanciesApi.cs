using LinkMatch.Api.Auth;

namespace LinkMatch.Api.Vacancies;

/// <summary>Vacancies (lowongan). Every caller reads them within its scope (staff their office's, an employer its
/// own, admins and instructors all); employers post and maintain their own, staff those of their office.</summary>
public static class VacanciesApi
{
    private const string CreateDescription = """
        Posts a vacancy under the employer's active MoU whose scopes cover its type ('placement' for jobs,
        'apprenticeship' for apprenticeships); without one the answer is 409. Staff and admins name the employer
        (employerId); an employer leaves it out or gives its own id.

        Send an Idempotency-Key header (1-200 visible ASCII characters, e.g. a UUID) to make retries safe: the same
        key and body again, even concurrently, return the first answer (status and body, with the header
        Idempotent-Replayed: true) and post nothing more; the same key with another body answers 422. Keys belong to
        the caller (the employer, or the signed-in user) and are kept for 24 hours, after which a key may be used
        for a new vacancy. Failed requests keep no key.
        """;

    public static IEndpointRouteBuilder MapVacanciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/vacancies").WithTags("Vacancies");
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/", VacancyQueries.List)
            .WithSummary("Vacancies and apprenticeships the caller may see, filtered and paged.");
        read.MapGet("/{id:long}", VacancyQueries.Get)
            .WithSummary("A vacancy with the units of competency it asks for.");
        var write = group.MapGroup("").RequireAuthorization(Policies.StaffOrEmployer)
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", CreateVacancy.Create).WithSummary("Post a vacancy or apprenticeship (Perpres 57/2023).")
            .WithDescription(CreateDescription)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        write.MapPut("/{id:long}", UpdateVacancy.Update).WithSummary("Change an open vacancy.");
        write.MapPost("/{id:long}/fill", VacancyFilling.Fill).WithSummary("Report the vacancy filled.");
        write.MapPost("/{id:long}/close", VacancyFilling.Close).WithSummary("Close the vacancy without filling it.");
        return app;
    }
}
