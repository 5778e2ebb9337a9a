namespace LinkMatch.Api.Pages.Admin;

/// <summary>Words of the admin pages (<c>AdminText.resx</c>, <c>AdminText.en.resx</c>).</summary>
public sealed class AdminText;
