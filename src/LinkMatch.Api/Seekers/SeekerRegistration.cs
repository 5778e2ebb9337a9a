using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>Pendaftaran: registering a job seeker on an AK/1 card.</summary>
internal static class SeekerRegistration
{
    private const string Insert = """
        insert into seekers (office_id, ak1_number, nik_cipher, nik_hash, nik_region, full_name, birth_date, sex,
                             education_level, education_major, region_code, phone_cipher, phone_hash, email_cipher,
                             email_hash, disability, expected_wage, willing_to_relocate, registered_on,
                             last_reported_on)
        values (@OfficeId, @Ak1Number, @NikCipher, @NikHash, @NikRegion, @FullName, @BirthDate, @Sex,
                @EducationLevel, @EducationMajor, @RegionCode, @PhoneCipher, @PhoneHash, @EmailCipher,
                @EmailHash, @Disability, @ExpectedWage, @WillingToRelocate, @RegisteredOn, @LastReportedOn)
        returning id
        """;

    /// <summary>The answer carries the masked NIK, phone and e-mail: the whole values come back only from GET.</summary>
    public static async Task<Results<Created<Seeker>, ValidationProblem, ProblemHttpResult>> Create(
        SeekerRequest request, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time,
        MatchingTriggers matching, CancellationToken ct)
    {
        var today = SeekerInput.Today(time);
        var errors = new FieldErrors();
        var officeId = SeekerInput.OfficeFor(caller, request.OfficeId, errors);
        errors.AddIf(request.Status is not null and not "active", "status",
            "New seekers are active; change the status with an update.");
        var input = SeekerInput.Check(request, today, errors);
        if (input is null || officeId is null)
        {
            return errors.ToProblem();
        }

        var secrets = SeekerInput.Protect(input, protector);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await SeekerInput.NikTakenAsync(conn, tx, protector, input.Nik.Value, null, ct))
        {
            return SeekerInput.DuplicateNik();
        }

        try
        {
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(Insert,
                Parameters(officeId.Value, input, secrets), tx, cancellationToken: ct));
            await SeekerInput.ReplacePreferencesAsync(conn, tx, id, input, ct);
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.create", "seeker", id, id), ct);
            var row = await SeekerData.FindAsync(conn, tx, caller, id, false, ct);
            var seeker = await SeekerData.DetailAsync(conn, tx, row!, SeekerScope.ViewFor(caller, row!.OfficeId, false),
                protector, today, ct);
            await matching.SeekerChangedAsync(conn, tx, id, ct);
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/v1/seekers/{id}", seeker);
        }
        catch (PostgresException e) when (SeekerInput.IsDuplicateNik(e))
        {
            return SeekerInput.DuplicateNik();
        }
        catch (PostgresException e) when (SeekerInput.IsDuplicateAk1(e))
        {
            return SeekerInput.DuplicateAk1();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return SeekerInput.UnknownReference(e);
        }
    }

    public static object Parameters(long officeId, CheckedSeeker input, ProtectedSeeker secrets)
    {
        var r = input.Request;
        return new
        {
            OfficeId = officeId,
            Ak1Number = string.IsNullOrWhiteSpace(r.Ak1Number) ? null : r.Ak1Number.Trim(),
            secrets.NikCipher,
            secrets.NikHash,
            NikRegion = input.Nik.Region,
            FullName = r.FullName.Trim(),
            r.BirthDate,
            r.Sex,
            r.EducationLevel,
            EducationMajor = Blank(r.EducationMajor),
            RegionCode = r.RegionCode.Trim(),
            secrets.PhoneCipher,
            secrets.PhoneHash,
            secrets.EmailCipher,
            secrets.EmailHash,
            Disability = Blank(r.Disability),
            r.ExpectedWage,
            r.WillingToRelocate,
            input.RegisteredOn,
            r.LastReportedOn,
            r.Status,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
