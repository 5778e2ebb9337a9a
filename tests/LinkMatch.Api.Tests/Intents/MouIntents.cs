using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

public sealed record CommitmentDto(long Id, long MouId, string Kind, int? Target, DateOnly StartsOn, DateOnly EndsOn,
    string OwedBy, string Description, string Source);

public sealed record ActivityDto(long Id, long CommitmentId, DateOnly OccurredOn, int Quantity, string Note,
    string? Evidence, string RecordedBy);

public sealed record PaceCountsDto(int Commitments, int Met, int OnTrack, int Behind, int Missed, int NotStarted,
    int NoTarget);

public sealed record CommitmentScoreDto(long CommitmentId, string Kind, string OwedBy, string Description,
    string Source, int? Target, DateOnly StartsOn, DateOnly EndsOn, int Realised, decimal ElapsedShare,
    decimal? Expected, decimal? PaceRatio, string Pace, DateOnly? LastActivityOn, DateOnly? LastRealisedOn);

public sealed record MouScoreDto(int? Rank, long MouId, string Number, long OfficeId, string OfficeName,
    string PartnerKind, string PartyName, DateOnly SignedOn, DateOnly EndsOn, string Status, int? DaysToExpiry,
    bool Expiring, bool Dormant, DateOnly? LastActivityOn, decimal? PaceScore, decimal? Achievement, int Realised,
    PaceCountsDto Counts, List<CommitmentScoreDto> Commitments);

public sealed record ForumFiguresDto(string PartnerKind, int ActiveMous, int NewMous, int ExpiringMous,
    int DormantMous, PaceCountsDto Counts, int PlacementsTarget, int PlacementsRealised, int ApprenticeshipsTarget,
    int ApprenticeshipsRealised, int TrainingSeatsRealised, int CertificationsRealised, int ActivitiesRealised);

public sealed record ForumViewDto(ForumFiguresDto Total, List<ForumFiguresDto> ByPartnerKind);

public sealed record MouScorecardReportDto(long? OfficeId, string? ProvinceCode, DateTimeOffset ComputedAt,
    long? ComputedByJobId, DateOnly AsOf, List<MouScoreDto> Mous, ForumViewDto Forum);

/// <summary>Intent methods for MoU partners, programme items (commitments), activities and the scorecard.</summary>
public static class MouIntents
{
    public static DateOnly Today => OfficeCalendar.Today;

    /// <summary>An MoU of the office with a university or government body (admin).</summary>
    public static async Task<MouDto> CreatePartnerMouAsync(this TestApp app, long officeId,
        string partnerKind = "university", DateOnly? signedOn = null, DateOnly? validUntil = null)
    {
        var admin = await app.SharedAdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/mous", new
        {
            number = Unique.Code("MOU-PT"),
            officeId,
            partnerKind,
            partnerName = Unique.Name(partnerKind == "university" ? "Universitas" : "Direktorat"),
            scopes = new[] { "training" },
            signedOn = signedOn ?? Today.AddDays(-200),
            validUntil = validUntil ?? Today.AddDays(200),
        });
        return await response.ReadAsync<MouDto>(HttpStatusCode.Created);
    }

    /// <summary>Adds a commitment; dates left out take the MoU's term.</summary>
    public static async Task<CommitmentDto> CommitAsync(this HttpClient client, long mouId, string kind, int? target,
        DateOnly? startsOn = null, DateOnly? endsOn = null, string owedBy = "partner") =>
        await (await client.PostAsJsonAsync($"/api/v1/mous/{mouId}/commitments", new
        {
            kind,
            target,
            startsOn,
            endsOn,
            owedBy,
            description = $"Komitmen {kind}",
        })).ReadAsync<CommitmentDto>(HttpStatusCode.Created);

    public static async Task<ActivityDto> RecordActivityAsync(this HttpClient client, long mouId, long commitmentId,
        DateOnly occurredOn, int quantity) =>
        await (await client.PostAsJsonAsync($"/api/v1/mous/{mouId}/commitments/{commitmentId}/activities", new
        {
            occurredOn,
            quantity,
            note = "Kunjungan lapangan ke bengkel mitra",
            evidence = "BA-2026/017",
        })).ReadAsync<ActivityDto>(HttpStatusCode.Created);

    public static async Task<MouScoreDto> ScorecardAsync(this HttpClient client, long mouId) =>
        await (await client.GetAsync($"/api/v1/mous/{mouId}/scorecard")).ReadAsync<MouScoreDto>();

    public static async Task<List<CommitmentDto>> CommitmentsAsync(this HttpClient client, long mouId) =>
        await (await client.GetAsync($"/api/v1/mous/{mouId}/commitments")).ReadAsync<List<CommitmentDto>>();
}
