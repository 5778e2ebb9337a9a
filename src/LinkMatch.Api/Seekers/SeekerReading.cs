using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>Reading seekers. Every seeker read or listed writes one audit row ('seeker.read'), saying which view
/// the caller got, so "who saw this person's NIK" answers from the audit log.</summary>
internal static class SeekerReading
{
    private static readonly SortMap Sorts = new("s.registered_on desc", new Dictionary<string, string>
    {
        ["registeredOn"] = "s.registered_on",
        ["fullName"] = "s.full_name",
        ["ak1Number"] = "s.ak1_number",
        ["createdAt"] = "s.created_at",
    });

    public static async Task<Results<Ok<Seeker>, NotFound, ProblemHttpResult>> Get(long id, Caller caller,
        NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: false, ct);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx, row) = (live.Conn, live.Tx, live.Row);

        var view = SeekerScope.ViewFor(caller, row.OfficeId, reading: true);
        var seeker = await SeekerData.DetailAsync(conn, tx, row, view, protector, SeekerInput.Today(time), ct);
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.read", "seeker", id, id,
            new { view, via = "get" }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(seeker);
    }

    /// <summary>Lists never carry whole values. <c>nik</c>, <c>phone</c> and <c>email</c> find a seeker by exact
    /// match through the blind index (staff and admins only); <c>ak1Number</c> by the exact card number.</summary>
    public static async Task<Results<Ok<PagedList<SeekerSummary>>, ValidationProblem>> List(
        [AsParameters] SeekerFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "s.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        var errors = new FieldErrors();
        var (nik, phone, email) = Lookups(filter, caller, protector, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var where = $"""
            where {SeekerScope.Sql(caller)} and s.status <> 'erased'
              and (@Status::text is null or s.status = @Status)
              and (@OfficeId::bigint is null or s.office_id = @OfficeId)
              and (@RegionCode::text is null or s.region_code = @RegionCode)
              and (@EducationLevel::text is null or s.education_level = @EducationLevel)
              and (@Name::text is null or s.full_name ilike '%' || @Name || '%')
              and (@ConsentToMatching::boolean is null or {SeekerData.ConsentOpen} = @ConsentToMatching)
              and (@Nik::bytea[] is null or s.nik_hash = any(@Nik))
              and (@Phone::bytea[] is null or s.phone_hash = any(@Phone))
              and (@Email::bytea[] is null or s.email_hash = any(@Email))
              and (@Ak1Number::text is null or s.ak1_number = @Ak1Number)
            """;
        var parameters = SeekerScope.Parameters(caller, new
        {
            filter.Status,
            filter.OfficeId,
            filter.RegionCode,
            filter.EducationLevel,
            Name = filter.Name?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal),
            filter.ConsentToMatching,
            Ak1Number = filter.Ak1Number?.Trim(),
        });
        parameters.Add("Nik", nik);
        parameters.Add("Phone", phone);
        parameters.Add("Email", email);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var found = await conn.ReadPageAsync<SeekerRow>(tx, new ListSql($"select count(*) from seekers s {where}",
            $"select {SeekerData.Columns} from seekers s {where} order by {order}"), parameters, page, ct);
        var rows = found.Items;

        var via = nik is not null || phone is not null || email is not null || filter.Ak1Number is not null
            ? "search"
            : "list";
        await AuditLog.WriteManyAsync(conn, tx, caller, rows.Select(r => new AuditEntry("seeker.read", "seeker", r.Id,
            r.Id, new { view = SeekerViews.Masked, via })), ct);
        await tx.CommitAsync(ct);
        var today = SeekerInput.Today(time);
        return TypedResults.Ok(new PagedList<SeekerSummary>(rows.Select(r => SeekerViews.Summary(r, today)).ToList(),
            found.Page, found.PageSize, found.Total));
    }

    /// <summary>An erased seeker is gone for good: 410 for every caller who could see them before.</summary>
    public static ProblemHttpResult Gone() => TypedResults.Problem(statusCode: StatusCodes.Status410Gone,
        title: "Erased", detail: "This seeker's personal data was erased; only an anonymous record remains.");

    private static (byte[][]? Nik, byte[][]? Phone, byte[][]? Email) Lookups(SeekerFilter filter, Caller caller,
        PersonalDataProtector protector, FieldErrors errors)
    {
        byte[][]? nik = null, phone = null, email = null;
        if (filter.Nik is not null || filter.Phone is not null || filter.Email is not null)
        {
            if (caller.IsInstructor)
            {
                var field = filter.Nik is not null ? "nik" : filter.Phone is not null ? "phone" : "email";
                errors.Add(field, "Only staff search seekers by NIK, phone or e-mail.");
                return (null, null, null);
            }
        }

        if (filter.Nik is not null)
        {
            if (Nik.TryParse(filter.Nik, out var info, out var error))
            {
                nik = protector.BlindIndexCandidates(PersonalField.Nik, info.Value);
            }
            else
            {
                errors.Add("nik", error);
            }
        }

        if (filter.Phone is not null)
        {
            var normalized = Contact.NormalizePhone(filter.Phone);
            errors.AddIf(normalized is null, "phone", "Not a phone number: use +62… or 08….");
            phone = normalized is null ? null : protector.BlindIndexCandidates(PersonalField.Phone, normalized);
        }

        if (filter.Email is not null)
        {
            var normalized = Contact.NormalizeEmail(filter.Email);
            errors.AddIf(normalized is null, "email", "Not an e-mail address.");
            email = normalized is null ? null : protector.BlindIndexCandidates(PersonalField.Email, normalized);
        }

        return (nik, phone, email);
    }
}
