using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace LinkMatch.Api.Seekers;

/// <summary>A row of an import that could be read; <see cref="Line"/> is its line in the file (the header is 1).</summary>
internal sealed record CsvSeeker(int Line, SeekerRequest Request, IReadOnlyList<CsvCompetency> Competencies);

internal sealed record CsvCompetency(string Code, int Level, string Evidence, decimal Years);

/// <summary>A row left out, with the column at fault. Reasons never repeat the value.</summary>
public sealed record ImportReject(int Line, string Column, string Reason);

/// <summary>Reads the seekers CSV: a header row naming the columns (any order, names as in the JSON API), then one
/// seeker per row. Lists go in one cell separated by ';'. Competencies as <c>code:level:evidence[:years]</c>, e.g.
/// <c>C.251000.010.01:3:certified;C.251000.001.01:2:trained:1.5</c>. Dates as 2024-01-31 or 31/01/2024; sex as
/// male/female or L/P; yes/no as true/false, ya/tidak or 1/0.</summary>
internal static class SeekerCsv
{
    public static readonly string[] Columns =
    [
        "ak1Number", "nik", "fullName", "birthDate", "sex", "educationLevel", "educationMajor", "regionCode", "phone",
        "email", "disability", "preferredOccupations", "preferredRegions", "expectedWage", "willingToRelocate",
        "registeredOn", "lastReportedOn", "competencies",
    ];

    public static readonly string[] Required = ["nik", "fullName", "birthDate", "sex", "educationLevel", "regionCode"];

    /// <summary>Parses the file; header problems come back keyed by column name and stop the import.</summary>
    public static (Dictionary<string, string[]> HeaderErrors, List<CsvSeeker> Rows, List<ImportReject> Rejects)
        Parse(string text)
    {
        var headerErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var rows = new List<CsvSeeker>();
        var rejects = new List<ImportReject>();
        using var records = CsvRecords.Read(text.TrimStart('\uFEFF')).GetEnumerator();
        if (!records.MoveNext())
        {
            headerErrors["body"] = ["The file is empty: send a header row and one row per seeker."];
            return (headerErrors, rows, rejects);
        }

        var header = records.Current.Fields.Select(h => h.Trim()).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var known = Columns.FirstOrDefault(c => string.Equals(c, header[i], StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                headerErrors[header[i].Length == 0 ? $"column {i + 1}" : header[i]] =
                    [$"Unknown column; the columns are: {string.Join(", ", Columns)}."];
            }
            else if (!index.TryAdd(known, i))
            {
                headerErrors[known] = ["The column appears more than once."];
            }
        }

        foreach (var missing in Required.Where(c => !index.ContainsKey(c)))
        {
            headerErrors[missing] = ["This column is required."];
        }

        if (headerErrors.Count > 0)
        {
            return (headerErrors, rows, rejects);
        }

        while (records.MoveNext())
        {
            var (line, record, malformed) = records.Current;
            if (malformed)
            {
                rejects.Add(new ImportReject(line, "row", "Malformed CSV (a stray or unbalanced quote)."));
                continue;
            }

            if (record.Length != header.Length)
            {
                rejects.Add(new ImportReject(line, "row",
                    $"The row has {record.Length} cells; the header has {header.Length}."));
                continue;
            }

            var cells = new Cells(record, index, line, rejects);
            var before = rejects.Count;
            var row = Read(cells);
            if (rejects.Count == before && Validate(line, row.Request, rejects))
            {
                rows.Add(row);
            }
        }

        return (headerErrors, rows, rejects);
    }

    private static CsvSeeker Read(Cells c)
    {
        var birthDate = c.Date("birthDate");
        var request = new SeekerRequest(
            Nik: c.Text("nik") ?? "",
            FullName: c.Text("fullName") ?? "",
            BirthDate: birthDate ?? default,
            Sex: c.Sex("sex") ?? "",
            EducationLevel: c.Text("educationLevel")?.ToLowerInvariant() ?? "",
            RegionCode: c.Text("regionCode") ?? "",
            Ak1Number: c.Text("ak1Number"),
            EducationMajor: c.Text("educationMajor"),
            Phone: c.Text("phone"),
            Email: c.Text("email"),
            Disability: c.Text("disability"),
            PreferredOccupations: c.List("preferredOccupations"),
            PreferredRegions: c.List("preferredRegions"),
            ExpectedWage: c.Long("expectedWage"),
            WillingToRelocate: c.Bool("willingToRelocate") ?? false,
            RegisteredOn: c.Date("registeredOn"),
            LastReportedOn: c.Date("lastReportedOn"));
        if (birthDate is null && c.Text("birthDate") is null)
        {
            c.Reject("birthDate", "A value is required.");
        }

        return new CsvSeeker(c.Line, request, c.Competencies("competencies"));
    }

    /// <summary>The JSON API's field checks (lengths, coded values) on <see cref="SeekerRequest"/>, found once.</summary>
    private static readonly (PropertyInfo Property, string Column, ValidationAttribute[] Attributes)[] Rules =
        typeof(SeekerRequest).GetProperties()
            .Select(p => (p, JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
            .Where(r => r.Item3.Length > 0)
            .ToArray();

    /// <summary>The same field checks as the JSON API, reported per column.</summary>
    private static bool Validate(int line, SeekerRequest request, List<ImportReject> rejects)
    {
        var valid = true;
        var context = new ValidationContext(request);
        foreach (var (property, column, attributes) in Rules)
        {
            var value = property.GetValue(request);
            context.MemberName = property.Name;
            context.DisplayName = column;
            foreach (var attribute in attributes)
            {
                if (attribute.GetValidationResult(value, context) is { } failure && failure != ValidationResult.Success)
                {
                    rejects.Add(new ImportReject(line, column, failure.ErrorMessage ?? "Not valid."));
                    valid = false;
                    break;
                }
            }
        }

        return valid;
    }
}
