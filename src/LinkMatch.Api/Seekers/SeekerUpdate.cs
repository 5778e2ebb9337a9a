using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>Correction (UU 27/2022: the person may have their data corrected) and status changes: a full
/// replacement of the registration, except that an omitted <c>ak1Number</c> or <c>status</c> keeps the current one.
/// The office does not change through an update.</summary>
internal static class SeekerUpdate
{
    private const string UpdateSql = """
        update seekers set
            ak1_number = coalesce(@Ak1Number, ak1_number), nik_cipher = @NikCipher, nik_hash = @NikHash,
            nik_region = @NikRegion, full_name = @FullName, birth_date = @BirthDate, sex = @Sex,
            education_level = @EducationLevel, education_major = @EducationMajor, region_code = @RegionCode,
            phone_cipher = @PhoneCipher, phone_hash = @PhoneHash, email_cipher = @EmailCipher, email_hash = @EmailHash,
            disability = @Disability, expected_wage = @ExpectedWage, willing_to_relocate = @WillingToRelocate,
            registered_on = @RegisteredOn, last_reported_on = @LastReportedOn, status = coalesce(@Status, status)
        where id = @Id
        """;

    public static async Task<Results<Ok<Seeker>, NotFound, ValidationProblem, ProblemHttpResult>> Update(long id,
        SeekerRequest request, Caller caller, NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time,
        MatchingTriggers matching, CancellationToken ct)
    {
        var today = SeekerInput.Today(time);
        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: true, ct);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx, row) = (live.Conn, live.Tx, live.Row);

        var errors = new FieldErrors().AddIf(request.OfficeId is not null && request.OfficeId != row.OfficeId,
            "officeId", "A seeker's office does not change through an update.");
        var input = SeekerInput.Check(request, today, errors);
        if (input is null)
        {
            return errors.ToProblem();
        }

        var secrets = SeekerInput.Protect(input, protector);
        if (await SeekerInput.NikTakenAsync(conn, tx, protector, input.Nik.Value, id, ct))
        {
            return SeekerInput.DuplicateNik();
        }

        try
        {
            var parameters = new DynamicParameters(SeekerRegistration.Parameters(row.OfficeId, input, secrets));
            parameters.Add("Id", id);
            await conn.ExecuteAsync(new CommandDefinition(UpdateSql, parameters, tx, cancellationToken: ct));
            await SeekerInput.ReplacePreferencesAsync(conn, tx, id, input, ct);
            await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.update", "seeker", id, id,
                new { fields = Changed(row, input, secrets, protector) }), ct);
            var updated = await SeekerData.FindAsync(conn, tx, caller, id, false, ct);
            var seeker = await SeekerData.DetailAsync(conn, tx, updated!,
                SeekerScope.ViewFor(caller, row.OfficeId, reading: false), protector, today, ct);
            if (updated!.Status == "active")
            {
                await matching.SeekerChangedAsync(conn, tx, id, ct);
            }
            else
            {
                await matching.SeekerLeftAsync(conn, tx, id, ct);
            }

            await tx.CommitAsync(ct);
            return TypedResults.Ok(seeker);
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

    /// <summary>The names of the fields that changed, for the audit row (never their values). Protected values are
    /// compared by blind index, so nothing is decrypted.</summary>
    private static List<string> Changed(SeekerRow old, CheckedSeeker input, ProtectedSeeker secrets,
        PersonalDataProtector protector)
    {
        var r = input.Request;
        var changed = new List<string>();
        void Check(string name, bool differs)
        {
            if (differs)
            {
                changed.Add(name);
            }
        }

        Check("nik", !protector.BlindIndexCandidates(PersonalField.Nik, input.Nik.Value)
            .Any(h => old.NikHash is not null && h.AsSpan().SequenceEqual(old.NikHash)));
        Check("phone", !SameHash(old.PhoneHash, secrets.PhoneHash, input.Phone, PersonalField.Phone, protector));
        Check("email", !SameHash(old.EmailHash, secrets.EmailHash, input.Email, PersonalField.Email, protector));
        Check("ak1Number", r.Ak1Number is not null && r.Ak1Number.Trim() != old.Ak1Number);
        Check("fullName", r.FullName.Trim() != old.FullName);
        Check("birthDate", r.BirthDate != old.BirthDate);
        Check("sex", r.Sex != old.Sex);
        Check("educationLevel", r.EducationLevel != old.EducationLevel);
        Check("educationMajor", (r.EducationMajor?.Trim() ?? "") != (old.EducationMajor ?? ""));
        Check("regionCode", r.RegionCode.Trim() != old.RegionCode);
        Check("disability", (r.Disability?.Trim() ?? "") != (old.Disability ?? ""));
        Check("expectedWage", r.ExpectedWage != old.ExpectedWage);
        Check("willingToRelocate", r.WillingToRelocate != old.WillingToRelocate);
        Check("registeredOn", input.RegisteredOn != old.RegisteredOn);
        Check("lastReportedOn", r.LastReportedOn != old.LastReportedOn);
        Check("status", r.Status is not null && r.Status != old.Status);
        Check("preferredOccupations", !input.Occupations.Order().SequenceEqual(old.PreferredOccupations));
        Check("preferredRegions", !input.Regions.Order().SequenceEqual(old.PreferredRegions));
        return changed;
    }

    private static bool SameHash(byte[]? old, byte[]? current, string? value, PersonalField field,
        PersonalDataProtector protector) =>
        (old is null && current is null)
        || (old is not null && value is not null
            && protector.BlindIndexCandidates(field, value).Any(h => h.AsSpan().SequenceEqual(old)));
}
