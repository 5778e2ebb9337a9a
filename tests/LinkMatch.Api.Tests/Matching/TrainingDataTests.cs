using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Training;
using static LinkMatch.Api.Tests.Matching.Profiles;

namespace LinkMatch.Api.Tests.Matching;

public class TrainingDataTests
{
    private static readonly DateOnly Registered = new(2025, 1, 10);

    [Fact]
    public void Outcomes_map_to_graded_labels_in_one_place()
    {
        Assert.Equal(4f, TrainingLabels.Of(hired: true, "rejected"));
        Assert.Equal(4f, TrainingLabels.Of(hired: true, null));
        Assert.Equal(3f, TrainingLabels.Of(hired: false, "interview_scheduled"));
        Assert.Equal(2f, TrainingLabels.Of(hired: false, "approved"));
        Assert.Equal(1f, TrainingLabels.Of(hired: false, "proposed"));
        Assert.Equal(1f, TrainingLabels.Of(hired: false, "expired"));
        Assert.Equal(0f, TrainingLabels.Of(hired: false, "rejected"));
        Assert.Equal(0f, TrainingLabels.Of(hired: false, "not_hired"));
        Assert.Equal(4f, TrainingLabels.Of(hired: false, "hired"));
        Assert.Equal(0f, TrainingLabels.Of(hired: false, null));
    }

    [Fact]
    public void Units_declared_at_registration_count_from_the_registration_day_and_later_ones_from_when_written()
    {
        var declared = TrainingHistoryLoader.Dated(new UnitFacts(K3, 2, "experience", 3, new DateOnly(2026, 11, 1),
            WithRegistration: true, null, false, null), Registered).Single();
        Assert.Equal(Registered, declared.KnownSince);
        Assert.Equal(Evidence.Experience, declared.Unit.Evidence);
        var later = TrainingHistoryLoader.Dated(new UnitFacts(K3, 2, "self_declared", 0, new DateOnly(2026, 3, 5),
            WithRegistration: false, null, false, null), Registered).Single();
        Assert.Equal(new DateOnly(2026, 3, 5), later.KnownSince);
    }

    [Fact]
    public void A_certified_BLK_unit_is_assessed_from_the_assessment_and_certified_from_the_certificate()
    {
        var facts = TrainingHistoryLoader.Dated(new UnitFacts(Smaw, 3, "certified", 0, new DateOnly(2026, 11, 1),
            true, AssessedOn: new DateOnly(2025, 6, 30), Competent: true, CertifiedOn: new DateOnly(2025, 8, 1)),
            Registered).ToList();
        var history = new SeekerHistory { Current = Seeker(units: []), Units = [.. facts] };
        Assert.Null(history.AsOf(new DateOnly(2025, 6, 29)).Find(Smaw));
        Assert.Equal(Evidence.Assessed, history.AsOf(new DateOnly(2025, 7, 15)).Find(Smaw)!.Value.Evidence);
        var certified = history.AsOf(new DateOnly(2025, 8, 1)).Find(Smaw)!.Value;
        Assert.Equal(Evidence.Certified, certified.Evidence);
        Assert.Equal(3, certified.Level);
        Assert.Equal(history.Ever().Find(Smaw), certified);
    }

    [Fact]
    public void A_history_as_of_a_day_drops_later_courses_and_apprenticeships_and_knows_earlier_placements()
    {
        var history = new SeekerHistory
        {
            Current = Seeker(units: [], courses: [Course(new DateOnly(2025, 9, 1)), Course(new DateOnly(2025, 3, 1))]),
            Placements =
            [
                new PastPlacement(70, 100, "apprenticeship", "7212", new DateOnly(2025, 10, 1)),
                new PastPlacement(71, 101, "job", "7212", new DateOnly(2026, 2, 1)),
            ],
        };
        var june = history.AsOf(new DateOnly(2025, 6, 1));
        Assert.Single(june.Courses);
        Assert.Empty(june.Apprenticeships);
        Assert.Single(history.AsOf(new DateOnly(2025, 12, 1)).Apprenticeships);
        Assert.False(history.PlacedBefore(new DateOnly(2025, 10, 1), 999));
        Assert.True(history.PlacedBefore(new DateOnly(2025, 10, 2), 999));
        Assert.False(history.PlacedBefore(new DateOnly(2025, 10, 2), 70));
    }
}
