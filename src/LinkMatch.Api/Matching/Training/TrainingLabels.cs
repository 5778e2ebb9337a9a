namespace LinkMatch.Api.Matching.Training;

/// <summary>The one place outcomes become relevance labels for training, per vacancy (query):
/// <code>
/// hired (a placement, or status hired)                       4
/// interviewed (status interview_scheduled)                    3
/// referred to the employer by staff (status approved)         2
/// suggested and not rejected (proposed, expired, unknown)     1
/// rejected by staff, not hired after referral                 0
/// a candidate never suggested                                 0   (sampled from candidate generation)
/// </code>
/// A placement wins over any suggestion status. The statuses are the staff workflow's (Workflow/README.md).
/// not_hired counts as 0 whatever came before it: the employer saw the candidate (and maybe interviewed them) and
/// said no, which is the most direct negative judgement of the pair the data holds; the interview itself is not
/// kept as a separate positive. A new status maps here and nowhere else.</summary>
public static class TrainingLabels
{
    public const float Hired = 4;
    public const float Interviewed = 3;
    public const float Referred = 2;
    public const float SuggestedNotRejected = 1;
    public const float Rejected = 0;
    public const float NotSuggested = 0;

    public static float FromSuggestionStatus(string status) => status switch
    {
        "hired" => Hired,
        "interview_scheduled" => Interviewed,
        "approved" => Referred,
        "rejected" or "not_hired" => Rejected,
        _ => SuggestedNotRejected,
    };

    /// <summary>The label of a pair given whether the seeker was hired for the vacancy and the status of their
    /// suggestion for it, if any.</summary>
    public static float Of(bool hired, string? suggestionStatus) =>
        hired ? Hired : suggestionStatus is null ? NotSuggested : FromSuggestionStatus(suggestionStatus);
}
