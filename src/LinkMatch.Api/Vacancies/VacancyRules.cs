using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Mous;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>The rules a vacancy's content must follow, and who may touch which vacancy.</summary>
internal static class VacancyRules
{
    /// <summary>The MoU scope that covers a vacancy type: 'placement' covers jobs, 'apprenticeship'
    /// apprenticeships.</summary>
    public static string CoveringScope(string type) => type == VacancyTypes.Apprenticeship
        ? MousApi.Apprenticeship
        : MousApi.Placement;

    public static FieldErrors Check(string type, VacancyTerms terms)
    {
        var apprenticeship = type == VacancyTypes.Apprenticeship;
        var competencies = terms.Competencies ?? [];
        var errors = new FieldErrors()
            .AddIf(terms.ClosesOn < terms.OpensOn, "closesOn", "A vacancy cannot close before it opens.")
            .AddIf(terms.WageMin is { } min && terms.WageMax is { } max && max < min, "wageMax",
                "The top of the wage range is below its bottom.")
            .AddIf(terms.AgeMin is { } young && terms.AgeMax is { } old && old < young, "ageMax",
                "The age range is empty.")
            .AddIf(apprenticeship && terms.ApprenticeshipMonths is null, "apprenticeshipMonths",
                "An apprenticeship states its duration in months (Permenaker 6/2020).")
            .AddIf(apprenticeship && terms.Stipend is null, "stipend",
                "An apprenticeship states its stipend (uang saku).")
            .AddIf(apprenticeship && terms.ContractType != "apprenticeship", "contractType",
                "An apprenticeship has contract type 'apprenticeship'.")
            .AddIf(!apprenticeship && terms.ApprenticeshipMonths is not null, "apprenticeshipMonths",
                "Only apprenticeships have a duration in months.")
            .AddIf(!apprenticeship && terms.Stipend is not null, "stipend",
                "Only apprenticeships pay a stipend; give a wage range.")
            .AddIf(!apprenticeship && terms.ContractType == "apprenticeship", "contractType",
                "A job cannot have contract type 'apprenticeship'; post an apprenticeship instead.")
            .AddIf(competencies.Select(c => c.CompetencyId).Distinct().Count() != competencies.Length,
                "competencies", "List each competency once.");
        // The items of the list are checked here: validation does not reach into them (see VacancyCompetencyRequest).
        for (var i = 0; i < competencies.Length; i++)
        {
            errors.AddIf(competencies[i].CompetencyId < 1, $"competencies[{i}].competencyId",
                    "Must be an id: a whole number from 1 to 9223372036854775807.")
                .AddIf(competencies[i].MinLevel is < 1 or > 9, $"competencies[{i}].minLevel",
                    "The minimum level is between 1 and 9.");
        }

        return errors;
    }

    /// <summary>The employer a new vacancy is for. An employer posts only for itself; staff and admins must say
    /// which employer they post for.</summary>
    public static (long EmployerId, ValidationProblem? Problem) EmployerOf(Caller caller, long? requested)
    {
        if (caller.IsEmployer)
        {
            var own = caller.EmployerId ?? -1;
            return requested is null || requested == own
                ? (own, null)
                : (0, Problems.Field("employerId",
                    "An employer posts only its own vacancies: leave employerId out or give your own id."));
        }

        return requested is { } id
            ? (id, null)
            : (0, Problems.Field("employerId", "Name the employer you post this vacancy for."));
    }

    /// <summary>The SQL parameters that limit a caller to its vacancies: staff to their office's, an employer to its
    /// own. Admins and instructors read every vacancy (vacancy information is public under Perpres 57/2023);
    /// instructors cannot change any (their policy excludes them).</summary>
    public static (long? ScopeOfficeId, long? ScopeEmployerId) ScopeOf(Caller caller) => caller.Role switch
    {
        Roles.Staff => (caller.OfficeId ?? -1, null),
        Roles.Employer => (null, caller.EmployerId ?? -1),
        Roles.Admin or Roles.Instructor => (null, null),
        _ => (-1, -1),
    };

    public const string Scope = """
        (@ScopeOfficeId::bigint is null or v.office_id = @ScopeOfficeId)
        and (@ScopeEmployerId::bigint is null or v.employer_id = @ScopeEmployerId)
        """;

    /// <summary>The field behind a reference the database refused when a vacancy was written.</summary>
    public static ValidationProblem UnknownReference(PostgresException e) => e.ConstraintName switch
    {
        "vacancies_occupation_code_fkey" => Problems.Field("occupationCode", "Unknown KBJI occupation code."),
        "vacancies_work_region_code_fkey" => Problems.Field("workRegionCode", "Unknown region code."),
        "vacancy_competencies_competency_id_fkey" => Problems.Field("competencies", "Unknown competency id."),
        _ => Problems.Field("employerId", "Unknown employer."),
    };
}
