using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>Scores pairs in batches: features for each pair into one row buffer in the model's order, then one
/// <c>ScoreBatch</c> call. Holds buffers: one scorer per thread.</summary>
public sealed class PairScorer(ServingModel model, FeatureExtractor extractor)
{
    private readonly float[] _extracted = new float[FeatureNames.Count];
    private float[] _rows = [];
    private double[] _scores = [];

    public ServingModel Model => model;

    /// <summary>Scores the vacancy against each seeker; the span is valid until the next call.</summary>
    public ReadOnlySpan<double> Score(VacancyProfile vacancy, IReadOnlyList<SeekerProfile> seekers, DateOnly day)
    {
        var width = Prepare(seekers.Count);
        for (var i = 0; i < seekers.Count; i++)
        {
            extractor.Extract(vacancy, seekers[i], day, _extracted);
            model.Layout.Map(_extracted, _rows.AsSpan(i * width, width));
        }

        return Finish(seekers.Count, width);
    }

    /// <summary>Scores the seeker against each vacancy; the span is valid until the next call.</summary>
    public ReadOnlySpan<double> Score(IReadOnlyList<VacancyProfile> vacancies, SeekerProfile seeker, DateOnly day)
    {
        var width = Prepare(vacancies.Count);
        for (var i = 0; i < vacancies.Count; i++)
        {
            extractor.Extract(vacancies[i], seeker, day, _extracted);
            model.Layout.Map(_extracted, _rows.AsSpan(i * width, width));
        }

        return Finish(vacancies.Count, width);
    }

    private int Prepare(int count)
    {
        var width = model.Layout.Width;
        if (_rows.Length < count * width)
        {
            _rows = new float[count * width];
            _scores = new double[count];
        }

        return width;
    }

    private ReadOnlySpan<double> Finish(int count, int width)
    {
        model.Model.ScoreBatch(_rows.AsSpan(0, count * width), _scores.AsSpan(0, count));
        return _scores.AsSpan(0, count);
    }
}
