using System.Net;
using System.Text;

namespace LinkMatch.Api.Tests.Reports;

/// <summary>Reads report downloads with a CSV parser of the tests' own (RFC 4180), so the service's writer is checked
/// against an independent reading.</summary>
public static class CsvDownloads
{
    /// <summary>A CSV download: checks the media type and parses it (RFC 4180) into rows keyed by header.</summary>
    public static async Task<List<Dictionary<string, string>>> CsvAsync(this HttpClient client, string url,
        bool byHeader = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (byHeader)
        {
            request.Headers.Accept.ParseAdd("text/csv");
        }

        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var rows = ParseCsv(new UTF8Encoding(false, true).GetString(bytes));
        var header = rows[0];
        return rows.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    public static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        Assert.True(row.Count == 0 && cell.Length == 0, "the CSV does not end with CRLF");
        return rows;
    }
}
