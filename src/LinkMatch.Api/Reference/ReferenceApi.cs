namespace LinkMatch.Api.Reference;

/// <summary>Classifications every other feature refers to: regions, KBJI occupations, KBLI industries and units of
/// competency. Every caller reads them; admins maintain them.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reference").WithTags("Reference data");
        group.MapRegions();
        group.MapOccupations();
        group.MapIndustries();
        group.MapCompetencies();
        return app;
    }
}
