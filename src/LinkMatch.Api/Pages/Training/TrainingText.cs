namespace LinkMatch.Api.Pages.Training;

/// <summary>Words of the BLK pages (<c>TrainingText.resx</c>, <c>TrainingText.en.resx</c>).</summary>
public sealed class TrainingText;
