using Dapper;
using LinkMatch.Api.Auth;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace LinkMatch.Api.Demo;

/// <summary>One documented account per role and one employer API key, so a newcomer can try every role from Swagger
/// UI. They exist only in demo mode.</summary>
public static class DemoAccounts
{
    public const string Password = "LinkMatch-demo-2026";
    public const string Admin = "admin";
    public const string CityStaff = "petugas.balikpapan";
    public const string ProvinceStaff = "petugas.kaltim";
    public const string Instructor = "instruktur.blk-industri";

    /// <summary>The demo employer's key (lmk_ + prefix + _ + secret).</summary>
    public const string EmployerApiKey = "lmk_demo2026_HotelEmployerKeyForTheDemoOnly0000000000";
}

public sealed partial class DemoLoader
{
    private static async Task WriteAccountsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DemoWorld world,
        CancellationToken ct)
    {
        var hasher = new PasswordHasher<UserAccount>();
        var hash = hasher.HashPassword(null!, DemoAccounts.Password);
        const string users = """
            insert into users (user_name, display_name, password_hash, role, office_id, training_centre_id)
            values
                (@Admin, 'Admin Disnakertrans Kaltim (demo)', @hash, 'admin', null, null),
                (@CityStaff, 'Petugas Antarkerja Balikpapan (demo)', @hash, 'staff',
                 (select id from offices where code = 'DISNAKER-6471'), null),
                (@ProvinceStaff, 'Petugas Disnakertrans Kaltim (demo)', @hash, 'staff',
                 (select id from offices where code = 'DISNAKERTRANS-64'), null),
                (@Instructor, 'Instruktur BLK Industri Balikpapan (demo)', @hash, 'instructor', null,
                 (select id from training_centres where code = 'BLK-BPN-IND'))
            on conflict do nothing
            """;
        await conn.ExecuteAsync(new CommandDefinition(users, new
        {
            DemoAccounts.Admin,
            DemoAccounts.CityStaff,
            DemoAccounts.ProvinceStaff,
            DemoAccounts.Instructor,
            hash,
        }, tx, cancellationToken: ct));

        // The key belongs to the largest hotel with an active MoU covering placements and apprenticeships.
        var employer = world.Employers
            .Where(e => e.Kbli == "55110" && world.Mous.Any(m => m.EmployerId == e.Id && m.OfficeId == 1
                && m.ActiveOn(world.Anchor) && m.Scopes.Contains("apprenticeship")))
            .OrderByDescending(e => e.Workforce).FirstOrDefault()
            ?? world.Employers.First(e => world.Mous.Any(m => m.EmployerId == e.Id && m.ActiveOn(world.Anchor)));
        if (!ApiKeys.TryParse(DemoAccounts.EmployerApiKey, out var prefix))
        {
            throw new InvalidOperationException("The demo API key is malformed.");
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            insert into api_keys (employer_id, name, prefix, secret_hash, created_by)
            select id, 'Demo key (Swagger UI)', @prefix, @secretHash, 'demo' from employers where name = @Name
            on conflict do nothing
            """, new { prefix, secretHash = ApiKeys.Hash(DemoAccounts.EmployerApiKey), employer.Name }, tx,
            cancellationToken: ct));
    }
}
