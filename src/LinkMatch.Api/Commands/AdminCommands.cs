using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace LinkMatch.Api.Commands;

internal static class AdminCommands
{
    /// <summary>There is no self-registration: the first admin comes from this command, the rest from admins.</summary>
    public static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var userName = CommandLine.Option(args, "user");
        if (string.IsNullOrWhiteSpace(userName))
        {
            await Console.Error.WriteLineAsync("create-admin: --user NAME is required");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable("LINKMATCH_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteAsync("Password: ");
            password = (await Console.In.ReadLineAsync())?.Trim();
        }

        if (password is null || password.Length < 12)
        {
            await Console.Error.WriteLineAsync("create-admin: the password must have at least 12 characters");
            return 2;
        }

        await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        var hasher = app.Services.GetRequiredService<IPasswordHasher<UserAccount>>();
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await db.OpenConnectionAsync();
        var id = await conn.ExecuteScalarAsync<long?>("""
            insert into users (user_name, display_name, password_hash, role)
            values (@userName, @displayName, @hash, 'admin')
            on conflict do nothing
            returning id
            """, new
        {
            userName,
            displayName = CommandLine.Option(args, "display-name") ?? userName,
            hash = hasher.HashPassword(null!, password),
        });
        if (id is null)
        {
            await Console.Error.WriteLineAsync($"create-admin: a user named '{userName}' already exists");
            return 1;
        }

        Console.WriteLine($"Created admin '{userName}' (id {id}).");
        return 0;
    }
}
