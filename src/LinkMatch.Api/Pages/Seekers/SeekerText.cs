namespace LinkMatch.Api.Pages.Seekers;

/// <summary>Words of the job-seeker pages (<c>SeekerText.resx</c>, <c>SeekerText.en.resx</c>).</summary>
public sealed class SeekerText;
