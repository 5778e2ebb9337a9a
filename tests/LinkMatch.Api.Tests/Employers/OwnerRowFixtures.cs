using System.Security.Cryptography;
using Dapper;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Employers;

/// <summary>Rows written straight into the database as its owner, for entities whose API is built on another branch
/// (seekers, training centres). They fill only the required columns; the NIK cipher and blind index are random
/// bytes, so these seekers carry no real personal data. Replace with the seekers' and training centres' intent
/// methods once those land.</summary>
public static class OwnerRowFixtures
{
    /// <summary>An active job seeker of the office, registered today, with a made-up name.</summary>
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

    public static async Task<string> SeekerStatusAsync(this TestApp app, long seekerId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.ExecuteScalarAsync<string>("select status from seekers where id = @seekerId", new { seekerId })
            ?? throw new InvalidOperationException($"No seeker {seekerId}.");
    }

    /// <summary>A BLK of the office, in Balikpapan.</summary>
    public static async Task<long> InsertTrainingCentreRowAsync(this TestApp app, long officeId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.ExecuteScalarAsync<long>("""
            insert into training_centres (code, name, office_id, region_code, address)
            values (@code, @name, @officeId, '64.71', 'Jl. Soekarno-Hatta Km 5, Balikpapan')
            returning id
            """, new { code = Unique.Code("BLK"), name = Unique.Name("BLK Balikpapan"), officeId });
    }
}
