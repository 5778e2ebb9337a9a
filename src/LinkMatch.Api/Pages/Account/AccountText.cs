namespace LinkMatch.Api.Pages.Account;

/// <summary>Words of the sign-in pages (<c>AccountText.resx</c>, <c>AccountText.en.resx</c>).</summary>
public sealed class AccountText;
