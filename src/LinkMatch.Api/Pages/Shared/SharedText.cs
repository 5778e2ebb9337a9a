namespace LinkMatch.Api.Pages.Shared;

/// <summary>Words every page uses (menu, buttons, statuses, roles): <c>SharedText.resx</c> in Indonesian,
/// <c>SharedText.en.resx</c> in English.</summary>
public sealed class SharedText;
