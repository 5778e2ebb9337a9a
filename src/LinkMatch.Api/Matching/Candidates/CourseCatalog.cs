using Dapper;
using LinkMatch.Api.Matching.Features;
using Npgsql;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>Every BLK course with the units it teaches and the occupations it prepares for, and the office its BLK
/// belongs to: loaded once per job and shared by every seeker's completed courses.</summary>
public sealed class CourseCatalog
{
    private readonly Dictionary<long, Course> _courses;

    private CourseCatalog(Dictionary<long, Course> courses) => _courses = courses;

    public sealed class Course
    {
        public long Id { get; init; }
        public long TrainingCentreId { get; init; }
        public long OfficeId { get; init; }
        public long[] Units { get; init; } = [];
        public string[] Occupations { get; init; } = [];
    }

    public static CourseCatalog Of(IEnumerable<Course> courses) => new(courses.ToDictionary(c => c.Id));

    public static async Task<CourseCatalog> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        CancellationToken ct)
    {
        var rows = await conn.QueryAsync<Course>(new CommandDefinition("""
            select c.id, c.training_centre_id, tc.office_id,
                   array(select cc.competency_id from course_competencies cc where cc.course_id = c.id
                         order by cc.competency_id) as units,
                   array(select co.occupation_code from course_occupations co where co.course_id = c.id
                         order by co.occupation_code) as occupations
            from courses c join training_centres tc on tc.id = c.training_centre_id
            """, transaction: tx, cancellationToken: ct));
        return Of(rows);
    }

    public CompletedCourse? Completed(long courseId, DateOnly completedOn) =>
        _courses.TryGetValue(courseId, out var c)
            ? new CompletedCourse(c.Id, c.TrainingCentreId, c.OfficeId, completedOn, c.Units, c.Occupations)
            : null;
}
