using System.Security.Cryptography;
using Dapper;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>A seeker's contact data as stored: ciphertexts and the NIK's blind index.</summary>
public sealed record StoredContacts(byte[] NikCipher, byte[] NikHash, byte[] PhoneCipher, byte[] EmailCipher);

/// <summary>An erased seeker's row as it remains.</summary>
public sealed record ErasedSeekerRow(string Status, string? Sex, DateOnly? BirthDate, DateTime? ErasedAt);

/// <summary>Facts about job seekers that no request can show, each in raw SQL saying why. Reading a seeker through
/// the API is itself recorded against them, so a test counting those records cannot read the seeker to check it.</summary>
public static class SeekerChecks
{
    /// <summary>An active job seeker of the office, registered today, with a made-up name; the NIK cipher and blind
    /// index are random bytes. Raw SQL: a seeker without registration's audit rows and matching jobs, so a test sees
    /// only the records of processing its own requests write.</summary>
    public static async Task<long> InsertSeekerRowAsync(this TestApp app, long officeId, string? fullName = null)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.ExecuteScalarAsync<long>("""
            insert into seekers (office_id, nik_cipher, nik_hash, full_name, birth_date, sex, education_level,
                                 region_code, registered_on)
            values (@officeId, @cipher, @hash, @fullName, date '1999-04-12', 'male', 'smk', '64.71', current_date)
            returning id
            """, new
        {
            officeId,
            cipher = RandomNumberGenerator.GetBytes(44),
            hash = RandomNumberGenerator.GetBytes(32),
            fullName = fullName ?? Unique.Name("Budi Santoso"),
        });
    }

    /// <summary>The seeker's status. Raw SQL: reading the seeker through the API would add a read to the record of
    /// processing the same tests count.</summary>
    public static async Task<string> SeekerStatusAsync(this TestApp app, long seekerId) =>
        await app.ScalarAsync<string?>("select status from seekers where id = @seekerId", new { seekerId })
        ?? throw new InvalidOperationException($"No seeker {seekerId}.");

    /// <summary>How many of the seekers are placed. Raw SQL: as <see cref="SeekerStatusAsync"/>.</summary>
    public static Task<long> PlacedCountAsync(this TestApp app, IEnumerable<long> seekerIds) =>
        app.ScalarAsync<long>("select count(*) from seekers where id = any(@ids) and status = 'placed'",
            new { ids = seekerIds.ToArray() });

    /// <summary>How many seeker rows are stored, erased ones too. Raw SQL: this is what key rotation rewrites, and a
    /// list shows only the seekers its caller may see.</summary>
    public static Task<long> StoredSeekerCountAsync(this TestApp app) => app.ScalarAsync<long>("select count(*) from seekers");

    /// <summary>The seeker's contact data as stored. Raw SQL: encryption at rest; the API shows only plain text.</summary>
    public static async Task<StoredContacts> StoredContactsAsync(this TestApp app, long seekerId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.QuerySingleAsync<StoredContacts>("""
            select nik_cipher as NikCipher, nik_hash as NikHash, phone_cipher as PhoneCipher, email_cipher as EmailCipher
            from seekers where id = @seekerId
            """, new { seekerId });
    }

    /// <summary>The stored contact data of every seeker of that name, by id. Raw SQL: encryption at rest.</summary>
    public static async Task<List<StoredContacts>> StoredContactsNamedAsync(this TestApp app, string fullName)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return [.. await conn.QueryAsync<StoredContacts>("""
            select nik_cipher as NikCipher, nik_hash as NikHash, phone_cipher as PhoneCipher, email_cipher as EmailCipher
            from seekers where full_name = @fullName order by id
            """, new { fullName })];
    }

    /// <summary>Stores seekers of the office encrypted with the given keys. Raw SQL: a state no request can reach,
    /// data written under keys the service is not using.</summary>
    public static async Task InsertSeekersEncryptedWithAsync(this TestApp app, PersonalDataProtector keys, long officeId,
        string fullName, IEnumerable<(string Nik, string Phone, string Email)> people)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        foreach (var (nik, phone, email) in people)
        {
            await conn.ExecuteAsync("""
                insert into seekers (office_id, nik_cipher, nik_hash, nik_region, full_name, birth_date, sex,
                                     education_level, region_code, phone_cipher, phone_hash, email_cipher, email_hash,
                                     registered_on)
                values (@officeId, @nc, @nh, '647101', @fullName, '1990-06-15', 'male', 'sma', '64.71', @pc, @ph, @ec, @eh,
                        current_date)
                """, new
            {
                officeId,
                fullName,
                nc = keys.Encrypt(PersonalField.Nik, nik),
                nh = keys.BlindIndex(PersonalField.Nik, nik),
                pc = keys.Encrypt(PersonalField.Phone, phone),
                ph = keys.BlindIndex(PersonalField.Phone, phone),
                ec = keys.Encrypt(PersonalField.Email, email),
                eh = keys.BlindIndex(PersonalField.Email, email),
            });
        }
    }

    /// <summary>What remains of an erased seeker's row. Raw SQL: an erased seeker answers 410 everywhere.</summary>
    public static async Task<ErasedSeekerRow> ErasedSeekerRowAsync(this TestApp app, long seekerId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.QuerySingleAsync<ErasedSeekerRow>("""
            select status, sex, birth_date as BirthDate, erased_at as ErasedAt from seekers where id = @seekerId
            """, new { seekerId });
    }

    /// <summary>The rows an erasure keeps (enrolments, the enrolment's assessments, placements) and those it drops
    /// (consents, competencies), counted. Raw SQL: an erased seeker answers 410 everywhere.</summary>
    public static async Task<(long Enrolments, long Assessments, long Placements, long Consents, long Competencies)>
        RowsOfErasedSeekerAsync(this TestApp app, long seekerId, long enrolmentId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.QuerySingleAsync<(long, long, long, long, long)>("""
            select (select count(*) from enrolments where seeker_id = @seekerId),
                   (select count(*) from enrolment_assessments where enrolment_id = @enrolmentId),
                   (select count(*) from placements where seeker_id = @seekerId),
                   (select count(*) from seeker_consents where seeker_id = @seekerId),
                   (select count(*) from seeker_competencies where seeker_id = @seekerId)
            """, new { seekerId, enrolmentId });
    }

    /// <summary>Every table with a seeker_id column or a foreign key to seekers. Raw SQL: the database's own
    /// catalogue, so a table added later is not missed by the export.</summary>
    public static async Task<HashSet<string>> TablesReferringToSeekersAsync(this TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return (await conn.QueryAsync<string>("""
            select c.table_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = 'public' and c.column_name = 'seeker_id' and t.table_type = 'BASE TABLE'
            union
            select conrelid::regclass::text from pg_constraint where contype = 'f' and confrelid = 'seekers'::regclass
            """)).ToHashSet();
    }
}
