using LinkMatch.Api.Matching.Suggestions;

namespace LinkMatch.Api.Matching.Refresh;

/// <summary>Joins the parts of a refresh under the global caps. Each part assigned its vacancies as if it were alone,
/// so a seeker who tops lists in several parts is kept there more often than the cap allows in all; keeping only
/// their best pairs would leave the vacancies they leave short, with nothing scored to fill them. So the join assigns
/// again, greedily by score, over every pair any part scored: each part scored its vacancies' candidates as deep as
/// its own assignment needed, which is at least as deep as a vacancy's first round. The per-seeker cap and each
/// vacancy's cap then hold across parts.</summary>
public static class Reconcile
{
    public static List<ScoredPair> Run(List<ScoredPair> staged, Func<int, int> vacancyCap, int seekerCap,
        int vacancies, int seekers) =>
        ExposureCaps.Greedy(staged, vacancyCap, seekerCap, new int[vacancies], new int[seekers]);
}
