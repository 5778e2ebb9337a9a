namespace LinkMatch.Api.Pages.Home;

/// <summary>Words of the home page (<c>HomeText.resx</c>, <c>HomeText.en.resx</c>).</summary>
public sealed class HomeText;
