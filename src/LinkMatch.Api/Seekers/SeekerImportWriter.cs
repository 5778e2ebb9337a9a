using Dapper;
using LinkMatch.Api.Auth;
using Npgsql;
using NpgsqlTypes;

namespace LinkMatch.Api.Seekers;

/// <summary>A checked import row with its encrypted personal data and resolved competency ids.</summary>
internal sealed record ImportRow(int Line, CheckedSeeker Input, ProtectedSeeker Secrets,
    IReadOnlyList<(long Id, CsvCompetency Competency)> Competencies);

/// <summary>Writes an import in one transaction: binary COPY into temporary tables, then one insert per target
/// table (ids drawn from the seekers sequence up front so that preferences, competencies and audit rows can point
/// at them), including one audit row per imported seeker.</summary>
internal static class SeekerImportWriter
{
    private const string CreateTemporary = """
        create temp table import_seekers (
            line integer primary key,
            id bigint not null default nextval(pg_get_serial_sequence('seekers', 'id')::regclass),
            ak1_number text, nik_cipher bytea not null, nik_hash bytea not null, nik_region text not null,
            full_name text not null, birth_date date not null, sex text not null, education_level text not null,
            education_major text, region_code text not null, phone_cipher bytea, phone_hash bytea,
            email_cipher bytea, email_hash bytea, disability text, expected_wage bigint,
            willing_to_relocate boolean not null, registered_on date not null, last_reported_on date
        ) on commit drop;
        create temp table import_preferences (line integer not null, kind text not null, code text not null)
            on commit drop;
        create temp table import_competencies (line integer not null, competency_id bigint not null,
            level smallint not null, evidence text not null, years numeric(4, 1) not null) on commit drop;
        """;

    private const string Insert = """
        insert into seekers (id, office_id, ak1_number, nik_cipher, nik_hash, nik_region, full_name, birth_date, sex,
                             education_level, education_major, region_code, phone_cipher, phone_hash, email_cipher,
                             email_hash, disability, expected_wage, willing_to_relocate, registered_on,
                             last_reported_on)
        overriding system value
        select id, @officeId,
               coalesce(ak1_number, @officeCode || '/' || to_char(registered_on, 'YYYY') || '/' || lpad(id::text, 7, '0')),
               nik_cipher, nik_hash, nik_region, full_name, birth_date, sex,
               education_level, education_major, region_code, phone_cipher, phone_hash, email_cipher, email_hash,
               disability, expected_wage, willing_to_relocate, registered_on, last_reported_on
        from import_seekers order by line;
        insert into seeker_preferred_occupations (seeker_id, occupation_code)
        select distinct i.id, p.code from import_preferences p join import_seekers i using (line)
        where p.kind = 'occupation';
        insert into seeker_preferred_regions (seeker_id, region_code)
        select distinct i.id, p.code from import_preferences p join import_seekers i using (line)
        where p.kind = 'region';
        insert into seeker_competencies (seeker_id, competency_id, level, evidence, years)
        select i.id, c.competency_id, c.level, c.evidence, c.years
        from import_competencies c join import_seekers i using (line);
        insert into audit_log (actor_kind, actor_id, actor_name, action, entity, entity_id, seeker_id, remote_address,
                               request_id, details)
        select @kind, @actorId, @actorName, 'seeker.import', 'seeker', id, id, @remoteAddress, @requestId,
               jsonb_build_object('line', line)
        from import_seekers;
        """;

    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long officeId,
        IReadOnlyList<ImportRow> rows, Caller caller, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(CreateTemporary, transaction: tx, cancellationToken: ct));
        await CopySeekersAsync(conn, rows, ct);
        await using (var writer = await conn.BeginBinaryImportAsync(
            "copy import_preferences (line, kind, code) from stdin (format binary)", ct))
        {
            foreach (var row in rows)
            {
                foreach (var (kind, codes) in new[] { ("occupation", row.Input.Occupations), ("region", row.Input.Regions) })
                {
                    foreach (var code in codes)
                    {
                        await writer.StartRowAsync(ct);
                        await writer.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
                        await writer.WriteAsync(kind, NpgsqlDbType.Text, ct);
                        await writer.WriteAsync(code, NpgsqlDbType.Text, ct);
                    }
                }
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await conn.BeginBinaryImportAsync(
            "copy import_competencies (line, competency_id, level, evidence, years) from stdin (format binary)", ct))
        {
            foreach (var row in rows)
            {
                foreach (var (id, competency) in row.Competencies)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync((short)competency.Level, NpgsqlDbType.Smallint, ct);
                    await writer.WriteAsync(competency.Evidence, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(competency.Years, NpgsqlDbType.Numeric, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }

        var (kindOfActor, actorId) = caller.Actor;
        var officeCode = await conn.ExecuteScalarAsync<string>(new CommandDefinition(
            "select code from offices where id = @officeId", new { officeId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(Insert, new
        {
            officeId,
            officeCode,
            kind = kindOfActor,
            actorId,
            actorName = caller.Name,
            remoteAddress = caller.RemoteAddress,
            requestId = caller.RequestId,
        }, tx, cancellationToken: ct, commandTimeout: 300));
    }

    private static async Task CopySeekersAsync(NpgsqlConnection conn, IReadOnlyList<ImportRow> rows,
        CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy import_seekers (line, ak1_number, nik_cipher, nik_hash, nik_region, full_name, birth_date, sex,
                                 education_level, education_major, region_code, phone_cipher, phone_hash,
                                 email_cipher, email_hash, disability, expected_wage, willing_to_relocate,
                                 registered_on, last_reported_on)
            from stdin (format binary)
            """, ct);
        foreach (var row in rows)
        {
            var r = row.Input.Request;
            var s = row.Secrets;
            await w.StartRowAsync(ct);
            await w.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
            await TextAsync(w, string.IsNullOrWhiteSpace(r.Ak1Number) ? null : r.Ak1Number.Trim(), ct);
            await BytesAsync(w, s.NikCipher, ct);
            await BytesAsync(w, s.NikHash, ct);
            await TextAsync(w, row.Input.Nik.Region, ct);
            await TextAsync(w, r.FullName.Trim(), ct);
            await w.WriteAsync(r.BirthDate, NpgsqlDbType.Date, ct);
            await TextAsync(w, r.Sex, ct);
            await TextAsync(w, r.EducationLevel, ct);
            await TextAsync(w, r.EducationMajor, ct);
            await TextAsync(w, r.RegionCode.Trim(), ct);
            await BytesAsync(w, s.PhoneCipher, ct);
            await BytesAsync(w, s.PhoneHash, ct);
            await BytesAsync(w, s.EmailCipher, ct);
            await BytesAsync(w, s.EmailHash, ct);
            await TextAsync(w, r.Disability, ct);
            await (r.ExpectedWage is { } wage ? w.WriteAsync(wage, NpgsqlDbType.Bigint, ct) : w.WriteNullAsync(ct));
            await w.WriteAsync(r.WillingToRelocate, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(row.Input.RegisteredOn, NpgsqlDbType.Date, ct);
            await (r.LastReportedOn is { } reported ? w.WriteAsync(reported, NpgsqlDbType.Date, ct) : w.WriteNullAsync(ct));
        }

        await w.CompleteAsync(ct);
    }

    private static Task TextAsync(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(value) ? w.WriteNullAsync(ct) : w.WriteAsync(value.Trim(), NpgsqlDbType.Text, ct);

    private static Task BytesAsync(NpgsqlBinaryImporter w, byte[]? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Bytea, ct);
}
