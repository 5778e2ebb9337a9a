namespace LinkMatch.Api.Pages.Reports;

/// <summary>Words of the report pages (<c>ReportText.resx</c>, <c>ReportText.en.resx</c>).</summary>
public sealed class ReportText;
