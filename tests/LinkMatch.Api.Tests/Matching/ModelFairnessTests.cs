using System.Text;
using LinkMatch.Api.Matching.Training;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>A model's fairness on held-out vacancies, on a small case computed by hand: three vacancies of 20
/// candidates each, 10 men and 10 women per vacancy, one of the women with a recorded disability.</summary>
public class ModelFairnessTests
{
    private static readonly int[] Offsets = [0, 20, 40, 60];

    private static List<CandidateGroup> Groups() =>
    [
        .. Enumerable.Range(0, 60).Select(r => new CandidateGroup(r, "sex", r % 20 < 10 ? "male" : "female")),
        .. Enumerable.Range(0, 60).Select(r => new CandidateGroup(r, "disability", r % 20 == 19 ? "recorded" : "none_recorded")),
    ];

    [Fact]
    public void Each_group_gets_its_share_of_top_ten_places_judged_by_the_four_fifths_rule_beside_the_serving_model()
    {
        // This model puts 6 men (local rows 0–5) and 4 women (10–13) in each top 10: 18 of 30 men, 12 of 30 women.
        // The serving model puts 5 and 5 there (0–4, 10–14): 15 of 30 each.
        var model = Enumerable.Range(0, 60).Select(r => r % 20 is < 6 or (>= 10 and < 14) ? 100.0 - (r % 20) : -(r % 20)).ToArray();
        var serving = Enumerable.Range(0, 60).Select(r => r % 20 is < 5 or (>= 10 and < 15) ? 1.0 : 0.0).ToArray();
        var fairness = HoldoutFairness.Evaluate(Offsets, model, 7, serving, Groups());
        Assert.Equal((10, 3, 60, 7), (fairness.TopK, fairness.Vacancies, fairness.Candidates, fairness.ServingVersion));
        var g = fairness.Groups.ToDictionary(x => $"{x.Dimension}/{x.Group}");
        Assert.Equal(["sex/female", "sex/male", "disability/none_recorded", "disability/recorded"], fairness.Groups.Select(x => $"{x.Dimension}/{x.Group}"));

        // Men: 18/30 = 0.6, Wilson 95 % 0.4232–0.7541, the best. Women: 12/30 = 0.4, 0.2459–0.5768, ratio 0.4/0.6.
        var men = g["sex/male"].Model;
        Assert.Equal((18, 0.6, 0.4232, 0.7541, 1.0, "best"), (men.Count, men.Rate, men.Low, men.High, men.RatioToBest, men.Judgement));
        var women = g["sex/female"].Model;
        Assert.Equal((12, 0.4, 0.2459, 0.5768, 0.6667, "below_four_fifths"),
            (women.Count, women.Rate, women.Low, women.High, women.RatioToBest, women.Judgement));
        Assert.Equal(30, g["sex/female"].Candidates);
        // The serving model: 15/30 each, 0.3315–0.6685, both at the best rate.
        Assert.All([g["sex/male"].Serving!, g["sex/female"].Serving!], s =>
            Assert.Equal((15, 0.5, 0.3315, 0.6685, 1.0, "best"), (s.Count, s.Rate, s.Low, s.High, s.RatioToBest, s.Judgement)));

        // Three people with a recorded disability: suppressed, whatever their ranks; the rest judged without them.
        Assert.Null(g["disability/recorded"].Candidates);
        Assert.Equal((null, "suppressed"), (g["disability/recorded"].Model.Count, g["disability/recorded"].Model.Judgement));
        var rest = g["disability/none_recorded"].Model;
        Assert.Equal((30, 0.5263, "best"), (rest.Count, rest.Rate, rest.Judgement));

        var card = new StringBuilder();
        ModelCard.WriteFairness(card, fairness);
        var text = card.ToString();
        Assert.Contains("## Fairness on the held-out vacancies", text, StringComparison.Ordinal);
        Assert.Contains("| sex | female | 30 | 12 (0.400; 0.246–0.577) | 0.67 | below_four_fifths | 15 (0.500) | 1.00 | best |", text, StringComparison.Ordinal);
        Assert.Contains("| disability | recorded | 1–4 | suppressed | – | suppressed | suppressed | – | suppressed |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_top_ten_of_a_vacancy_breaks_ties_by_order_and_a_short_vacancy_puts_everyone_in_it()
    {
        var top = HoldoutFairness.InTopK([0, 12, 15], [.. Enumerable.Repeat(1.0, 12), 0.1, 0.3, 0.2]);
        Assert.Equal([.. Enumerable.Repeat(true, 10), false, false, true, true, true], top);
    }
}
