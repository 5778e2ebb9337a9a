namespace LinkMatch.Api.Pages.Reports;

/// <summary>Words of the MoU scorecard pages (<c>ScorecardText.resx</c>, <c>ScorecardText.en.resx</c>).</summary>
public sealed class ScorecardText;
