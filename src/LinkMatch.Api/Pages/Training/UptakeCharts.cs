using LinkMatch.Api.Pages.Reports;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports.Uptake;
using Microsoft.Extensions.Localization;

namespace LinkMatch.Api.Pages.Training;

/// <summary>The uptake charts: per BLK, course or cohort, graduates against those placed within 3, 6 and 12
/// months of completing.</summary>
internal static class UptakeCharts
{
    public static ChartData Placement(string title, string categoryAxis,
        IReadOnlyList<(string Name, UptakeFigures Figures)> rows, IStringLocalizer<TrainingText> t) =>
        new(title, categoryAxis, t["Chart.People"], rows.Select(r => r.Name).ToList(),
        [
            new ChartSeries(t["Fig.Graduates"], rows.Select(r => (double)r.Figures.Graduates).ToList()),
            new ChartSeries(t["Fig.Within3"], rows.Select(r => (double)r.Figures.PlacedWithin3Months).ToList()),
            new ChartSeries(t["Fig.Within6"], rows.Select(r => (double)r.Figures.PlacedWithin6Months).ToList()),
            new ChartSeries(t["Fig.Within12"], rows.Select(r => (double)r.Figures.PlacedWithin12Months).ToList()),
        ], ReportCalls.Amount);
}
