using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

public sealed record OfficeDto(long Id, string Code, string Name, string Level, string RegionCode);

public sealed record UserDto(long Id, string UserName, string DisplayName, string Role, long? OfficeId,
    long? TrainingCentreId, bool Disabled);

/// <summary>Intent methods for offices and users: what a test wants, not how the API spells it.</summary>
public static class PlatformIntents
{
    public const string Password = "a-long-test-password";

    public static async Task<OfficeDto> CreateOfficeAsync(this TestApp app, string regionCode = "64.71",
        string level = "city_regency")
    {
        using var admin = await app.AdminAsync();
        var code = Unique.Code("DISNAKER");
        var response = await admin.PostAsJsonAsync("/api/v1/offices",
            new { code, name = $"Disnaker {code}", level, regionCode });
        return await response.ReadAsync<OfficeDto>(HttpStatusCode.Created);
    }

    public static async Task<UserDto> CreateUserAsync(this TestApp app, string role, long? officeId = null,
        long? trainingCentreId = null)
    {
        using var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = Unique.Name(role),
            displayName = $"Test {role}",
            role,
            officeId,
            trainingCentreId,
            password = Password,
        });
        return await response.ReadAsync<UserDto>(HttpStatusCode.Created);
    }

    /// <summary>A signed-in staff member of a new office (or the given one).</summary>
    public static async Task<(HttpClient Client, UserDto User, long OfficeId)> StaffAsync(this TestApp app,
        long? officeId = null)
    {
        var office = officeId ?? (await app.CreateOfficeAsync()).Id;
        var user = await app.CreateUserAsync("staff", officeId: office);
        return (await app.SignInAsync(user.UserName, Password), user, office);
    }
}
