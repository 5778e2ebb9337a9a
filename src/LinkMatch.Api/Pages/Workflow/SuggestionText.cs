namespace LinkMatch.Api.Pages.Workflow;

/// <summary>Words of the suggestion pages (<c>SuggestionText.resx</c>, <c>SuggestionText.en.resx</c>).</summary>
public sealed class SuggestionText
{
    /// <summary>The badge class of a suggestion status: referred and waiting (warn), hired (ok), closed without a
    /// placement (bad).</summary>
    public static string? Badge(string status) => status switch
    {
        "hired" => "ok",
        "approved" or "interview_scheduled" => "warn",
        "not_hired" or "rejected" => "bad",
        _ => null,
    };
}
