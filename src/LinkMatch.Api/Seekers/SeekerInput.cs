using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>A registration or correction that passed the checks, with canonical personal data.</summary>
internal sealed record CheckedSeeker(SeekerRequest Request, NikInfo Nik, string? Phone, string? Email,
    DateOnly RegisteredOn, string[] Occupations, string[] Regions);

/// <summary>The encrypted personal data and blind indexes of a <see cref="CheckedSeeker"/>.</summary>
internal sealed record ProtectedSeeker(byte[] NikCipher, byte[] NikHash, byte[]? PhoneCipher, byte[]? PhoneHash,
    byte[]? EmailCipher, byte[]? EmailHash);

/// <summary>Checks shared by registration, correction and the CSV import. Messages never echo a value.</summary>
internal static class SeekerInput
{
    /// <summary>BPS counts the working-age population from 15.</summary>
    public const int MinimumAge = 15;

    /// <summary>Ages and registration dates are read on the office's calendar.</summary>
    public static DateOnly Today(TimeProvider time) => Http.Wita.Today(time);

    /// <summary>Staff register into their own office; admins must name one.</summary>
    public static long? OfficeFor(Caller caller, long? requested, FieldErrors errors)
    {
        if (caller.IsAdmin)
        {
            errors.AddIf(requested is null, "officeId", "Admins register seekers into an office: give officeId.");
            return requested;
        }

        errors.AddIf(requested is not null && requested != caller.OfficeId, "officeId",
            "Staff register seekers into their own office only.");
        return caller.OfficeId;
    }

    public static CheckedSeeker? Check(SeekerRequest r, DateOnly today, FieldErrors errors)
    {
        var nikOk = Nik.TryParse(r.Nik, out var nik, out var nikError);
        errors.AddIf(!nikOk, "nik", nikError);
        if (nikOk)
        {
            errors.AddIf(!nik.MatchesBirthDate(r.BirthDate), "nik",
                "The NIK's digits 7–12 do not agree with birthDate.");
            errors.AddIf(nik.Female != (r.Sex == "female"), "nik",
                "The NIK's day (plus 40 for women) does not agree with sex.");
        }

        var registeredOn = r.RegisteredOn ?? today;
        errors.AddIf(r.BirthDate > today || r.BirthDate.Year < 1900, "birthDate", "Not a plausible birth date.")
            .AddIf(r.BirthDate.AddYears(MinimumAge) > registeredOn, "birthDate",
                $"A job seeker is at least {MinimumAge} years old when registered.")
            .AddIf(registeredOn > today, "registeredOn", "Cannot be in the future.")
            .AddIf(r.LastReportedOn is { } reported && (reported < registeredOn || reported > today), "lastReportedOn",
                "Falls between registeredOn and today.");

        var phone = Contact.NormalizePhone(r.Phone);
        errors.AddIf(phone is null && !string.IsNullOrWhiteSpace(r.Phone), "phone",
            "Not a phone number: use +62… or 08… (9 to 15 digits).");
        var email = Contact.NormalizeEmail(r.Email);
        errors.AddIf(email is null && !string.IsNullOrWhiteSpace(r.Email), "email", "Not an e-mail address.");

        var occupations = Codes(r.PreferredOccupations);
        var regions = Codes(r.PreferredRegions);
        return errors.Any ? null : new CheckedSeeker(r, nik, phone, email, registeredOn, occupations, regions);
    }

    public static ProtectedSeeker Protect(CheckedSeeker s, PersonalDataProtector p) => new(
        p.Encrypt(PersonalField.Nik, s.Nik.Value), p.BlindIndex(PersonalField.Nik, s.Nik.Value),
        s.Phone is null ? null : p.Encrypt(PersonalField.Phone, s.Phone),
        s.Phone is null ? null : p.BlindIndex(PersonalField.Phone, s.Phone),
        s.Email is null ? null : p.Encrypt(PersonalField.Email, s.Email),
        s.Email is null ? null : p.BlindIndex(PersonalField.Email, s.Email));

    /// <summary>Whether another seeker holds the NIK, under any configured blind-index key (the unique index only
    /// covers the active key).</summary>
    public static Task<bool> NikTakenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PersonalDataProtector p,
        string nik, long? exceptId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from seekers where nik_hash = any(@hashes) and id <> coalesce(@exceptId, -1))
            """, new { hashes = p.BlindIndexCandidates(PersonalField.Nik, nik), exceptId }, tx, cancellationToken: ct));

    public static async Task ReplacePreferencesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        CheckedSeeker s, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("""
            delete from seeker_preferred_occupations where seeker_id = @id;
            delete from seeker_preferred_regions where seeker_id = @id;
            insert into seeker_preferred_occupations (seeker_id, occupation_code) select @id, unnest(@occupations);
            insert into seeker_preferred_regions (seeker_id, region_code) select @id, unnest(@regions);
            """, new { id, occupations = s.Occupations, regions = s.Regions }, tx, cancellationToken: ct));

    public static ProblemHttpResult DuplicateNik() => Problems.Conflict("A seeker with this NIK is already registered.");

    public static ProblemHttpResult DuplicateAk1() =>
        Problems.Conflict("A seeker with this AK/1 number is already registered.");

    /// <summary>The request field behind a broken reference.</summary>
    public static ValidationProblem UnknownReference(PostgresException e) => e.ConstraintName switch
    {
        "seekers_office_id_fkey" => Problems.Field("officeId", "Unknown office."),
        "seeker_preferred_occupations_occupation_code_fkey" =>
            Problems.Field("preferredOccupations", "Unknown KBJI occupation code."),
        "seeker_preferred_regions_region_code_fkey" => Problems.Field("preferredRegions", "Unknown region code."),
        _ => Problems.Field("regionCode", "Unknown region code."),
    };

    public static bool IsDuplicateNik(PostgresException e) => e.IsUniqueViolation("seekers_nik_hash_key");

    public static bool IsDuplicateAk1(PostgresException e) => e.IsUniqueViolation("seekers_ak1_number_key");

    private static string[] Codes(IReadOnlyList<string>? codes) =>
        codes is null ? [] : codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
