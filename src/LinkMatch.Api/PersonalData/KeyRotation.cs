using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Commands;
using Npgsql;

namespace LinkMatch.Api.PersonalData;

/// <summary>What a rotation rewrote.</summary>
public sealed record RotationReport(int Seekers, int KeyRingElements);

/// <summary>Rewrites personal data under the active encryption and blind-index keys, in batches, resumable and
/// safe to run while the service serves (each batch is its own transaction and locks the rows it rewrites).
/// Procedure: add the new key under the next number and make it active, restart, run <c>rotate-keys</c>, then
/// remove the old key.</summary>
public sealed class KeyRotation(NpgsqlDataSource db, PersonalDataProtector protector, IServiceProvider services,
    ILogger<KeyRotation> logger)
{
    private sealed record Row(long Id, byte[]? NikCipher, byte[]? NikHash, byte[]? PhoneCipher, byte[]? PhoneHash,
        byte[]? EmailCipher, byte[]? EmailHash);

    public async Task<RotationReport> RotateAsync(int batchSize, CancellationToken ct)
    {
        const string select = """
            select id, nik_cipher, nik_hash, phone_cipher, phone_hash, email_cipher, email_hash
            from seekers
            where id > @after
              and ((nik_cipher is not null and get_byte(nik_cipher, 1) <> @enc)
                or (phone_cipher is not null and get_byte(phone_cipher, 1) <> @enc)
                or (email_cipher is not null and get_byte(email_cipher, 1) <> @enc)
                or (nik_hash is not null and get_byte(nik_hash, 0) <> @blind)
                or (phone_hash is not null and get_byte(phone_hash, 0) <> @blind)
                or (email_hash is not null and get_byte(email_hash, 0) <> @blind))
            order by id
            limit @batchSize
            for update
            """;
        const string update = """
            update seekers set nik_cipher = @NikCipher, nik_hash = @NikHash, phone_cipher = @PhoneCipher,
                               phone_hash = @PhoneHash, email_cipher = @EmailCipher, email_hash = @EmailHash
            where id = @Id
            """;
        int enc = protector.ActiveEncryptionKey, blind = protector.ActiveBlindIndexKey;
        long after = 0;
        var total = 0;
        while (true)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var rows = (await conn.QueryAsync<Row>(new CommandDefinition(select, new { after, enc, blind, batchSize }, tx,
                cancellationToken: ct))).ToList();
            if (rows.Count == 0)
            {
                break;
            }

            var rewritten = rows.Select(Rewrite).ToList();
            await conn.ExecuteAsync(new CommandDefinition(update, rewritten, tx, cancellationToken: ct));
            await AuditLog.WriteAsync(conn, tx, Caller.System("rotate-keys"), new AuditEntry("personal_data.rotate_keys",
                "seeker", null, Details: new { rows = rows.Count, encryptionKey = enc, blindIndexKey = blind }), ct);
            await tx.CommitAsync(ct);
            total += rows.Count;
            after = rows[^1].Id;
            logger.LogInformation("Rotated personal data of {Count} job seekers (up to id {Id})", total, after);
        }

        var ring = await DataProtectionStore.RewrapKeyRingAsync(db, services, ct);
        return new RotationReport(total, ring);
    }

    private Row Rewrite(Row row)
    {
        (byte[]? Cipher, byte[]? Hash) Redo(PersonalField field, byte[]? cipher)
        {
            if (cipher is null)
            {
                return (null, null);
            }

            var plain = protector.Decrypt(field, cipher);
            return (protector.Encrypt(field, plain), protector.BlindIndex(field, plain));
        }

        var nik = Redo(PersonalField.Nik, row.NikCipher);
        var phone = Redo(PersonalField.Phone, row.PhoneCipher);
        var email = Redo(PersonalField.Email, row.EmailCipher);
        return new Row(row.Id, nik.Cipher, nik.Hash, phone.Cipher, phone.Hash, email.Cipher, email.Hash);
    }

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<KeyRotation>();
        CommandLine.Register("rotate-keys",
            "rewrite NIK, phone and e-mail under the active encryption and blind-index keys [--batch 500]",
            async (app, args) =>
            {
                var batch = int.TryParse(CommandLine.Option(args, "batch"), out var b) && b > 0 ? b : 500;
                var report = await app.Services.GetRequiredService<KeyRotation>().RotateAsync(batch, CancellationToken.None);
                Console.WriteLine($"Rewrote {report.Seekers} job seekers and {report.KeyRingElements} token signing keys.");
                return 0;
            });
    }
}
