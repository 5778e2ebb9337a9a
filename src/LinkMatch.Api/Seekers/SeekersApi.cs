using LinkMatch.Api.Auth;

namespace LinkMatch.Api.Seekers;

/// <summary>Pencari kerja: job seekers of an office, with their competencies, preferences and consent, the CSV
/// import, and the data subject's rights (export, erasure). Staff see and change their office's seekers, admins
/// all (masked), instructors read those enrolled at their BLK (restricted); employers have no access. Another
/// office's seeker answers 404; an erased seeker answers 410 Gone on every endpoint to those who could see it.</summary>
public static class SeekersApi
{
    public static IEndpointRouteBuilder MapSeekersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/seekers").WithTags("Seekers");
        group.MapGet("/", SeekerReading.List).RequireAuthorization(Policies.StaffOrInstructor)
            .WithSummary("List seekers (masked); find one by exact NIK, phone, e-mail or AK/1 number.");
        group.MapGet("/{id:long}", SeekerReading.Get).RequireAuthorization(Policies.StaffOrInstructor)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("A seeker: whole personal data for staff of the seeker's office, masked or restricted otherwise.");
        group.MapPost("/", SeekerRegistration.Create).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Register a seeker (AK/1). The answer is masked.");
        group.MapPut("/{id:long}", SeekerUpdate.Update).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Correct a seeker's registration or change their status.");
        group.MapPut("/{id:long}/competencies", SeekerCompetencies.Update).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Replace a seeker's competencies.");
        group.MapPost("/{id:long}/consent", SeekerConsents.Grant).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Record the seeker's consent to matching, with its proof.");
        group.MapPost("/{id:long}/consent/withdraw", SeekerConsents.Withdraw).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Record the withdrawal of the seeker's consent to matching.");
        group.MapGet("/{id:long}/export", SeekerExport.Export).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Everything held about the seeker, with the record of its processing (UU 27/2022).");
        group.MapPost("/{id:long}/erase", SeekerErasure.Erase).RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Erase the seeker's personal data, leaving an anonymous record (UU 27/2022).");
        group.MapPost("/import", SeekerImport.Import).RequireAuthorization(Policies.Staff)
            .Accepts<string>("text/csv")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Register seekers in bulk from a CSV file.");
        return app;
    }
}
