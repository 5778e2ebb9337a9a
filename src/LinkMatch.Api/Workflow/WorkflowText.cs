using System.Globalization;
using System.Resources;

namespace LinkMatch.Api.Workflow;

/// <summary>The workflow's refusals and field messages in the request's language: <c>WorkflowText.resx</c>
/// (Indonesian) and <c>WorkflowText.en.resx</c> (English), chosen by <see cref="CultureInfo.CurrentUICulture"/>,
/// which the request localization middleware sets (the console is Indonesian unless its user switched; the API
/// answers English unless <c>Accept-Language: id</c>).</summary>
internal static class WorkflowText
{
    private static readonly ResourceManager Resources = new(typeof(WorkflowText).FullName!, typeof(WorkflowText).Assembly);

    public static string Get(string key) => Find(key)
        ?? throw new InvalidOperationException($"WorkflowText has no '{key}'.");

    public static string Format(string key, params object[] values) =>
        string.Format(CultureInfo.CurrentUICulture, Get(key), values);

    /// <summary>A suggestion status in words ("interview scheduled", "dijadwalkan wawancara").</summary>
    public static string Status(string status) => Find("Status." + status) ?? status.Replace('_', ' ');

    public static string VacancyStatus(string status) => Find("VacancyStatus." + status) ?? status;

    private static string? Find(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);
}
