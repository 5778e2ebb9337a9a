using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Http;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Kejuruan: a vocational programme a BLK runs, the SKKNI units of competency it teaches and the KBJI
/// occupations it prepares for.</summary>
public sealed record Course(long Id, long TrainingCentreId, string Code, string Title, int Hours, string? Description,
    IReadOnlyList<CourseCompetency> Competencies, IReadOnlyList<CourseOccupation> Occupations,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A unit of competency (SKKNI or other) the course teaches.</summary>
public sealed record CourseCompetency(long Id, string Code, string Title);

/// <summary>A KBJI 2014 occupation the course prepares for.</summary>
public sealed record CourseOccupation(string Code, string Title);

/// <summary>Units are named by their codes ('C.251000.010.01'), occupations by KBJI code ('7212').</summary>
public sealed record CreateCourseRequest(
    [property: Id] long TrainingCentreId,
    [property: Required, StringLength(40, MinimumLength = 1)] string Code,
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Range(1, 5000)] int Hours,
    [property: Required, MinLength(1), MaxLength(100), EachItem(64)] IReadOnlyList<string> CompetencyCodes,
    [property: MaxLength(50), EachItem(7, Pattern = @"^[0-9]{1,4}(\.[0-9]{2})?$")] IReadOnlyList<string>? OccupationCodes = null,
    [property: StringLength(4000), FreeText] string? Description = null);

/// <summary>Replaces a course's fields, units and occupations. A course stays with its training centre.</summary>
public sealed record UpdateCourseRequest(
    [property: Required, StringLength(40, MinimumLength = 1)] string Code,
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Range(1, 5000)] int Hours,
    [property: Required, MinLength(1), MaxLength(100), EachItem(64)] IReadOnlyList<string> CompetencyCodes,
    [property: MaxLength(50), EachItem(7, Pattern = @"^[0-9]{1,4}(\.[0-9]{2})?$")] IReadOnlyList<string>? OccupationCodes = null,
    [property: StringLength(4000), FreeText] string? Description = null);

/// <summary>Filters: BLK, office, region ('64' or '64.71'), a KBJI occupation or group ('72' finds '7212'),
/// a unit of competency by code, a title or code.</summary>
public sealed record CourseFilter(
    [property: Id] long? TrainingCentreId = null,
    [property: Id] long? OfficeId = null,
    [property: StringLength(5), RegularExpression(@"^[0-9]{2}(\.[0-9]{2})?$", ErrorMessage = "Use '64' or '64.71'.")] string? RegionCode = null,
    [property: StringLength(7), RegularExpression(@"^[0-9]{1,4}(\.[0-9]{2})?$", ErrorMessage = "Use a KBJI code such as '7212'.")]
    string? OccupationCode = null,
    [property: StringLength(64)] string? Competency = null,
    [property: StringLength(100)] string? Q = null);

/// <summary>Reads courses with their units and occupations.</summary>
internal static class CourseReader
{
    public const string Columns = """
        cr.id, cr.training_centre_id, cr.code, cr.title, cr.hours, cr.description, cr.created_at, cr.updated_at
        """;

    private sealed record Row(long Id, long TrainingCentreId, string Code, string Title, int Hours, string? Description,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private sealed record CompetencyRow(long CourseId, long Id, string Code, string Title);

    private sealed record OccupationRow(long CourseId, string Code, string Title);

    /// <summary>Reads the course rows a query returns (selecting <see cref="Columns"/>), then their units and
    /// occupations in two more queries.</summary>
    public static async Task<List<Course>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql,
        object parameters, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var competencies = (await conn.QueryAsync<CompetencyRow>(new CommandDefinition("""
            select cc.course_id, k.id, k.code, k.title
            from course_competencies cc join competencies k on k.id = cc.competency_id
            where cc.course_id = any(@ids) order by k.code
            """, new { ids }, tx, cancellationToken: ct))).ToLookup(r => r.CourseId);
        var occupations = (await conn.QueryAsync<OccupationRow>(new CommandDefinition("""
            select co.course_id, o.code, o.title
            from course_occupations co join occupations o on o.code = co.occupation_code
            where co.course_id = any(@ids) order by o.code
            """, new { ids }, tx, cancellationToken: ct))).ToLookup(r => r.CourseId);
        return rows.Select(r => new Course(r.Id, r.TrainingCentreId, r.Code, r.Title, r.Hours, r.Description,
            competencies[r.Id].Select(c => new CourseCompetency(c.Id, c.Code, c.Title)).ToList(),
            occupations[r.Id].Select(o => new CourseOccupation(o.Code, o.Title)).ToList(),
            r.CreatedAt, r.UpdatedAt)).ToList();
    }
}
