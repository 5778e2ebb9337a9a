namespace LinkMatch.Api.Pages.Vacancies;

/// <summary>Words of the vacancy pages (<c>VacancyText.resx</c>, <c>VacancyText.en.resx</c>).</summary>
public sealed class VacancyText;
