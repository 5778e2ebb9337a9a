using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>One factor of an explanation: a feature, its value (null when not known), its TreeSHAP contribution
/// and the sentence saying what it is, in English and in Bahasa Indonesia.</summary>
public sealed record ExplanationFactor(string Feature, float? Value, double Contribution, string Text,
    string TextIndonesian)
{
    public string TextIn(ExplanationLanguage language) =>
        ReferenceEquals(language, ExplanationLanguage.Indonesian) ? TextIndonesian : Text;
}

/// <summary>A suggestion ready to store: its score, the features and contributions in the model's order (with the
/// base value they add up to the score from), the strongest factors and a summary sentence in each language.</summary>
public sealed record SuggestionDraft(string Kind, long VacancyId, long SeekerId, double Score, int ModelVersion,
    float[] Features, double[] Contributions, double BaseValue, IReadOnlyList<ExplanationFactor> Factors,
    string Summary, string SummaryIndonesian);

/// <summary>Explains a pair with exact TreeSHAP and turns the strongest factors into words: the three largest
/// positive contributions, then the strongest negative one. Only for suggestions that are stored. Each factor's
/// facts are gathered once and written in both languages.</summary>
public sealed class Explainer(ServingModel model, FeatureExtractor extractor, int positives = 3)
{
    public SuggestionDraft Explain(VacancyProfile vacancy, SeekerProfile seeker, DateOnly day,
        Candidates.ReferenceNames names)
    {
        var extracted = extractor.Extract(vacancy, seeker, day);
        var row = new float[model.Layout.Width];
        model.Layout.Map(extracted, row);
        var explanation = model.Model.Explain(row);
        var contributions = new double[row.Length];
        for (var f = 0; f < row.Length; f++)
        {
            contributions[f] = explanation.Contributions[f].Contribution;
        }

        var context = new ExplanationContext(vacancy, seeker, day, names, extractor.Rules);
        var factors = new List<ExplanationFactor>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var order = Enumerable.Range(0, row.Length).OrderByDescending(f => contributions[f]).ToList();
        foreach (var f in order)
        {
            if (factors.Count == positives || contributions[f] <= 1e-9)
            {
                break;
            }

            Add(f);
        }

        var strongestNegative = order[^1];
        if (contributions[strongestNegative] < -1e-9)
        {
            Add(strongestNegative);
        }

        return new SuggestionDraft(vacancy.Type, vacancy.Id, seeker.Id, explanation.Score, model.Version, row,
            contributions, explanation.BaseValue, factors, Summary(factors, ExplanationLanguage.English),
            Summary(factors, ExplanationLanguage.Indonesian));

        void Add(int f)
        {
            var name = model.Model.FeatureNames[f];
            if (ExplanationTexts.PhraseFor(name, context) is not { } phrase)
            {
                return;
            }

            var text = phrase.In(ExplanationLanguage.English);
            if (texts.Add(text))
            {
                factors.Add(new ExplanationFactor(name, float.IsNaN(row[f]) ? null : row[f], contributions[f], text,
                    phrase.In(ExplanationLanguage.Indonesian)));
            }
        }
    }

    /// <summary>"Holds 3 of 4 mandatory units (…); lives in Kota Balikpapan. Against: expects Rp 8.0 jt, above the
    /// offer of Rp 6.5 jt." — "Memiliki 3 dari 4 unit kompetensi wajib (…); tinggal di Kota Balikpapan. Kendala:
    /// mengharapkan Rp 8 jt, di atas tawaran Rp 6,5 jt."</summary>
    public static string Summary(IReadOnlyList<ExplanationFactor> factors, ExplanationLanguage language)
    {
        var good = factors.Where(f => f.Contribution > 0).Select(f => f.TextIn(language)).ToList();
        var bad = factors.Where(f => f.Contribution < 0).Select(f => f.TextIn(language)).ToList();
        var text = good.Count > 0
            ? new Phrase("Summary.For", Capitalise(string.Join("; ", good))).In(language)
            : new Phrase("Summary.NothingFor").In(language);
        return bad.Count > 0 ? new Phrase("Summary.Against", text, string.Join("; ", bad)).In(language) : text;
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
