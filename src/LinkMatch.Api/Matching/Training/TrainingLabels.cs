namespace LinkMatch.Api.Matching.Training;

/// <summary>The one place outcomes become relevance labels for training, per vacancy (query):
/// <code>
/// hired (a placement)                      4
/// interviewed                              3
/// referred to the employer by staff        2
/// suggested and not rejected               1   (status proposed, expired, approved — and any status not listed)
/// rejected, declined, withdrawn            0
/// a candidate never suggested              0   (sampled from candidate generation)
/// </code>
/// A placement wins over any suggestion status. The staff workflow records the suggestion statuses; until it
/// exists, only placements (the demo world's hiring history) and proposed/expired suggestions occur. A new status
/// added by the workflow maps here and nowhere else.</summary>
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
        "hired" or "placed" => Hired,
        "interviewed" => Interviewed,
        "referred" => Referred,
        "rejected" or "declined" or "withdrawn" => Rejected,
        _ => SuggestedNotRejected,
    };

    /// <summary>The label of a pair given whether the seeker was hired for the vacancy and the status of their
    /// suggestion for it, if any.</summary>
    public static float Of(bool hired, string? suggestionStatus) =>
        hired ? Hired : suggestionStatus is null ? NotSuggested : FromSuggestionStatus(suggestionStatus);
}
