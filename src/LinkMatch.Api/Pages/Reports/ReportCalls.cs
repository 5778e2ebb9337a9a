using System.Globalization;
using LinkMatch.Api.Reports;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>How the report pages (and the BLK pages) call the report handlers.</summary>
internal static class ReportCalls
{
    /// <summary>The JSON form, which a page renders.</summary>
    public static readonly ReportFormatQuery Json = new("json");

    /// <summary>The CSV form, which a page sends as it is (a download).</summary>
    public static readonly ReportFormatQuery Csv = new("csv");

    /// <summary>A request of its own for the JSON form a page renders: the handler puts the snapshot's ETag and
    /// caching headers on the response it is given, and they describe the JSON document, not the page (which is
    /// never stored); nor may a browser's If-None-Match turn the page into a 304.</summary>
    public static HttpContext ForRendering(HttpContext page) =>
        new DefaultHttpContext { RequestServices = page.RequestServices };

    /// <summary>"Des 2026" for 'YYYY-MM', in the request's language.</summary>
    public static string Month(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)
            .ToString("MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A count or a weighed amount: whole numbers as they are, others with one decimal (chart ticks
    /// too).</summary>
    public static string Amount(double value) =>
        value == Math.Floor(value) ? Shared.Formats.Number((long)value) : Shared.Formats.Number(value, 1);

    /// <summary>A share of a whole as a percentage, or a dash when the whole is zero.</summary>
    public static string Share(int part, int whole) =>
        whole == 0 ? "–" : Shared.Formats.Percent(part / (double)whole, 0);
}
