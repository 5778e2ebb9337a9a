using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>One reason in an explanation: the feature, its value (null when not known), how much it moved the score
/// (TreeSHAP; positive helped) and the sentence staff read.</summary>
public sealed record SuggestionFactor(string Feature, double? Value, double Contribution, string Text);

/// <summary>Why the pair scored what it did: a summary sentence, the strongest factors, and every feature's value
/// and contribution. <c>baseValue</c> + Σ contributions = score. The sentences are in <c>language</c>: "id"
/// (Bahasa Indonesia) when the request asked for it with <c>Accept-Language</c> and the suggestion has it, "en"
/// otherwise (suggestions computed before Indonesian existed have only English).</summary>
public sealed record SuggestionExplanation(string Summary, string Language, double BaseValue,
    IReadOnlyList<SuggestionFactor> Factors, IReadOnlyDictionary<string, double?> Features,
    IReadOnlyDictionary<string, double> Contributions);

/// <summary>A suggested seeker as the list shows them: name and NIK (whole only to staff of the seeker's own
/// office, masked to the region digits otherwise); no phone, e-mail or birth date.</summary>
public sealed record SuggestedSeeker(long Id, string FullName, string Nik, long OfficeId, string RegionCode,
    string EducationLevel);

/// <summary>Saran: a seeker suggested for a vacancy, with its rank in the vacancy's list.</summary>
public sealed record VacancySuggestion(long Id, string Kind, string Status, int Rank, double Score, int ModelVersion,
    SuggestedSeeker Seeker, SuggestionExplanation Explanation, DateTimeOffset ComputedAt);

public sealed record SuggestedVacancy(long Id, string Title, string Type, long EmployerId, string EmployerName,
    string OccupationCode, string WorkRegionCode, int Openings, DateOnly ClosesOn, string Status);

/// <summary>Saran: a vacancy (job or apprenticeship) suggested for a seeker; <c>rank</c> in the seeker's current
/// list, <c>vacancyRank</c> in the vacancy's.</summary>
public sealed record SeekerSuggestion(long Id, string Kind, string Status, int? Rank, int VacancyRank, double Score,
    int ModelVersion, SuggestedVacancy Vacancy, SuggestionExplanation Explanation, DateTimeOffset ComputedAt);

/// <summary>Filters of suggestion lists: by status ('proposed', 'expired', and the workflow's) and kind.</summary>
public sealed record SuggestionFilter(
    [property: StringLength(40)] string? Status = null,
    [property: OneOf("job", "apprenticeship")] string? Kind = null);

/// <summary>A job enqueued on request; <c>created</c> is false when an identical job was already pending.</summary>
public sealed record EnqueuedJob(long JobId, bool Created);

/// <summary>A stored suggestion row with what the lists join to it.</summary>
internal sealed class SuggestionRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public int Rank { get; init; }
    public int? SeekerRank { get; init; }
    public double Score { get; init; }
    public int ModelVersion { get; init; }
    public float[] Features { get; init; } = [];
    public double[] Contributions { get; init; } = [];
    public double BaseValue { get; init; }
    public string Explanation { get; init; } = "{}";
    public string Summary { get; init; } = "";
    public string? SummaryIndonesian { get; init; }
    public DateTimeOffset ComputedAt { get; init; }
    public string[] FeatureNames { get; init; } = [];

    /// <summary>The explanation in <paramref name="language"/> when the row has it; a row written before the
    /// Indonesian texts existed (no <c>summary_indonesian</c>) is given in English, all of it.</summary>
    public SuggestionExplanation ToExplanation(ExplanationLanguage language)
    {
        if (SummaryIndonesian is null)
        {
            language = ExplanationLanguage.English;
        }

        var textKey = ReferenceEquals(language, ExplanationLanguage.Indonesian) ? "textIndonesian" : "text";
        using var json = JsonDocument.Parse(Explanation);
        var factors = json.RootElement.TryGetProperty("factors", out var list)
            ? list.EnumerateArray().Select(f => new SuggestionFactor(
                f.GetProperty("feature").GetString()!,
                f.GetProperty("value").ValueKind == JsonValueKind.Number ? f.GetProperty("value").GetDouble() : null,
                f.GetProperty("contribution").GetDouble(),
                (f.TryGetProperty(textKey, out var text) ? text : f.GetProperty("text")).GetString()!)).ToList()
            : [];
        var features = new Dictionary<string, double?>(StringComparer.Ordinal);
        var contributions = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var f = 0; f < FeatureNames.Length && f < Features.Length; f++)
        {
            features[FeatureNames[f]] = float.IsNaN(Features[f]) ? null : (double)Features[f];
            contributions[FeatureNames[f]] = Contributions[f];
        }

        return new SuggestionExplanation(language.Pick(Summary, SummaryIndonesian), language.Code, BaseValue, factors,
            features, contributions);
    }
}
