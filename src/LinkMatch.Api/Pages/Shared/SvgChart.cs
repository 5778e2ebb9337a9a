using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace LinkMatch.Api.Pages.Shared;

/// <summary>One named row of values, one per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>What a chart shows: a title, what the categories are (the axis along them) and what the values are
/// (the value axis), and how a value is written (<see cref="Formats"/>).</summary>
public sealed record ChartData(string Title, string CategoryAxis, string ValueAxis, IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series, Func<double, string> Format);

/// <summary>Charts drawn on the server as SVG: readable without JavaScript, styled by the console's stylesheet (no
/// inline style, so the Content-Security-Policy holds), each inside a figure with its title, axis labels, a legend
/// and the same data as a table beside it for screen readers and for copying.</summary>
public static class SvgChart
{
    private const int Width = 560;
    private const int Left = 8;
    private const int Right = 64;
    private const int BarHeight = 14;
    private const int BarGap = 3;
    private const int LabelHeight = 16;
    private const int RowGap = 10;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>Horizontal bars, one group per category, each group's label above its bars (long course and unit
    /// names fit on a phone).</summary>
    public static IHtmlContent Bars(ChartData data)
    {
        var id = Id();
        var max = Nice(data.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var groupHeight = LabelHeight + (data.Series.Count * (BarHeight + BarGap)) + RowGap;
        var top = 6;
        var height = top + (data.Categories.Count * groupHeight) + 34;
        var svg = new StringBuilder();
        Open(svg, id, data, height);
        foreach (var tick in Ticks(max))
        {
            var x = Left + (plotWidth * tick / max);
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{x:0.#}\" y1=\"{top}\" x2=\"{x:0.#}\" y2=\"{height - 30}\"/>"));
            svg.Append(Invariant($"<text class=\"tick\" x=\"{x:0.#}\" y=\"{height - 18}\" text-anchor=\"middle\">"))
                .Append(Text(data.Format(tick))).Append("</text>");
        }

        for (var c = 0; c < data.Categories.Count; c++)
        {
            var y = top + (c * groupHeight);
            svg.Append(Invariant($"<text class=\"label\" x=\"{Left}\" y=\"{y + 12}\">")).Append(Text(data.Categories[c]))
                .Append("</text>");
            for (var s = 0; s < data.Series.Count; s++)
            {
                var value = data.Series[s].Values[c];
                var barY = y + LabelHeight + (s * (BarHeight + BarGap));
                var w = max <= 0 ? 0 : plotWidth * Math.Max(0, value) / max;
                svg.Append(Invariant($"<rect class=\"series-{s % 6}\" x=\"{Left}\" y=\"{barY}\" width=\"{w:0.#}\" height=\"{BarHeight}\">"))
                    .Append("<title>").Append(Text($"{data.Categories[c]} — {data.Series[s].Name}: {data.Format(value)}"))
                    .Append("</title></rect>");
                svg.Append(Invariant($"<text class=\"value\" x=\"{Left + w + 4:0.#}\" y=\"{barY + BarHeight - 3}\">"))
                    .Append(Text(data.Format(value))).Append("</text>");
            }
        }

        svg.Append(Invariant($"<text class=\"axis\" x=\"{Left + (plotWidth / 2)}\" y=\"{height - 3}\" text-anchor=\"middle\">"))
            .Append(Text(data.ValueAxis)).Append("</text>");
        return Close(svg, data);
    }

    /// <summary>Lines over ordered categories (months, model versions), a point per value.</summary>
    public static IHtmlContent Lines(ChartData data, double? floor = null)
    {
        var id = Id();
        var values = data.Series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var min = floor ?? Math.Min(0, values.Min());
        var max = Nice(Math.Max(values.Max(), min + 1e-9), min);
        const int left = 56, top = 10, plotHeight = 180, height = top + plotHeight + 52;
        // Room on the right for half of the last category label ("Des 2026").
        var plotWidth = Width - left - 36;
        var n = Math.Max(1, data.Categories.Count - 1);
        double X(int i) => left + (data.Categories.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)n);
        double Y(double v) => top + plotHeight - (plotHeight * (v - min) / (max - min));
        var svg = new StringBuilder();
        Open(svg, id, data, height);
        foreach (var tick in Ticks(max, min))
        {
            var y = Y(tick);
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{left + plotWidth}\" y2=\"{y:0.#}\"/>"));
            svg.Append(Invariant($"<text class=\"tick\" x=\"{left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">"))
                .Append(Text(data.Format(tick))).Append("</text>");
        }

        var every = Math.Max(1, (int)Math.Ceiling(data.Categories.Count / 8.0));
        for (var i = 0; i < data.Categories.Count; i += every)
        {
            svg.Append(Invariant($"<text class=\"tick\" x=\"{X(i):0.#}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\">"))
                .Append(Text(data.Categories[i])).Append("</text>");
        }

        for (var s = 0; s < data.Series.Count; s++)
        {
            var points = data.Series[s].Values.Select((v, i) => (v, i)).Where(p => double.IsFinite(p.v)).ToList();
            if (points.Count > 1)
            {
                svg.Append(Invariant($"<polyline class=\"line series-{s % 6}\" points=\""))
                    .AppendJoin(' ', points.Select(p => Invariant($"{X(p.i):0.#},{Y(p.v):0.#}"))).Append("\"/>");
            }

            foreach (var (v, i) in points)
            {
                svg.Append(Invariant($"<circle class=\"series-{s % 6}\" cx=\"{X(i):0.#}\" cy=\"{Y(v):0.#}\" r=\"3.5\">"))
                    .Append("<title>").Append(Text($"{data.Categories[i]} — {data.Series[s].Name}: {data.Format(v)}"))
                    .Append("</title></circle>");
            }
        }

        svg.Append(Invariant($"<text class=\"axis\" x=\"{left + (plotWidth / 2)}\" y=\"{height - 8}\" text-anchor=\"middle\">"))
            .Append(Text(data.CategoryAxis)).Append("</text>");
        svg.Append(Invariant($"<text class=\"axis\" transform=\"rotate(-90)\" x=\"{-(top + (plotHeight / 2))}\" y=\"14\" text-anchor=\"middle\">"))
            .Append(Text(data.ValueAxis)).Append("</text>");
        return Close(svg, data);
    }

    private static void Open(StringBuilder svg, string id, ChartData data, int height)
    {
        svg.Append(Invariant($"<figure class=\"chart\" aria-labelledby=\"{id}\"><figcaption id=\"{id}\">"))
            .Append(Text(data.Title)).Append("</figcaption><div class=\"chart-body\"><div class=\"chart-plot\">");
        if (data.Series.Count > 1)
        {
            svg.Append("<ul class=\"legend\">");
            for (var s = 0; s < data.Series.Count; s++)
            {
                svg.Append(Invariant($"<li><span class=\"swatch series-{s % 6}\"></span>")).Append(Text(data.Series[s].Name))
                    .Append("</li>");
            }

            svg.Append("</ul>");
        }

        svg.Append(Invariant($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-t\" focusable=\"false\">"))
            .Append(Invariant($"<title id=\"{id}-t\">")).Append(Text($"{data.Title} ({data.ValueAxis})")).Append("</title>");
    }

    private static HtmlString Close(StringBuilder svg, ChartData data)
    {
        svg.Append("</svg></div>");
        // The same numbers as a table: what a screen reader reads and what a user copies.
        svg.Append("<div class=\"chart-table\"><table><caption class=\"visually-hidden\">").Append(Text(data.Title))
            .Append("</caption><thead><tr><th scope=\"col\">").Append(Text(data.CategoryAxis)).Append("</th>");
        foreach (var series in data.Series)
        {
            svg.Append("<th scope=\"col\" class=\"num\">").Append(Text(series.Name)).Append("</th>");
        }

        svg.Append("</tr></thead><tbody>");
        for (var c = 0; c < data.Categories.Count; c++)
        {
            svg.Append("<tr><th scope=\"row\">").Append(Text(data.Categories[c])).Append("</th>");
            foreach (var series in data.Series)
            {
                svg.Append("<td class=\"num\">").Append(Text(data.Format(series.Values[c]))).Append("</td>");
            }

            svg.Append("</tr>");
        }

        svg.Append("</tbody></table></div></div></figure>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A round upper bound for the value axis: 1, 2 or 5 times a power of ten.</summary>
    internal static double Nice(double max, double min = 0)
    {
        var span = max - min;
        if (span <= 0)
        {
            return min + 1;
        }

        var step = Math.Pow(10, Math.Floor(Math.Log10(span)));
        foreach (var m in new[] { 1.0, 1.2, 1.6, 2.0, 2.4, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0 })
        {
            if (m * step >= span - 1e-12)
            {
                return min + (m * step);
            }
        }

        return min + (10 * step);
    }

    private static IEnumerable<double> Ticks(double max, double min = 0)
    {
        for (var i = 0; i <= 4; i++)
        {
            yield return min + ((max - min) * i / 4);
        }
    }

    // Unique within a page, which is all an id must be.
    private static string Id() => "chart-" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture);

    private static int counter;

    private static string Text(string value) => Encoder.Encode(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
