namespace LinkMatch.Api.Pages.Reports;

/// <summary>Words of the equal-opportunity page (<c>EqualityText.resx</c>, <c>EqualityText.en.resx</c>).</summary>
public sealed class EqualityText;
