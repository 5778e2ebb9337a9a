namespace LinkMatch.Api.Training;

/// <summary>The BLK registry: training centres, courses (kejuruan), cohorts (angkatan) and enrolments with their
/// assessments and certificates. Every read is scoped in SQL by <see cref="TrainingScope"/>.</summary>
public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1");
        group.MapTrainingCentres();
        group.MapCourses();
        group.MapCohorts();
        group.MapEnrolments();
        return app;
    }
}
