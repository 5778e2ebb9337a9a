using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Tests.Access;

public class AuditAndKeyRotationTests
{
    [Fact]
    public async Task Admins_ask_who_did_what_and_only_admins_may_ask()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        using var admin = await app.AdminAsync();
        var rows = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entity=office&entityId={office.Id}");
        var row = Assert.Single(rows.GetProperty("items").EnumerateArray());
        Assert.Equal("office.create", row.GetProperty("action").GetString());
        Assert.Equal("user", row.GetProperty("actorKind").GetString());
        Assert.Equal(TestApp.AdminUser, row.GetProperty("actorName").GetString());

        var byPrefix = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=office.*&entityId={office.Id}");
        Assert.Equal(1, byPrefix.GetProperty("total").GetInt64());

        var none = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/audit?entity=office&entityId={office.Id}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}");
        Assert.Equal(0, none.GetProperty("total").GetInt64());

        await (await admin.GetAsync("/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "to");

        var (staff, _, _) = await app.StaffAsync();
        using (staff)
        {
            await (await staff.GetAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Rotating_keys_rewrites_every_seeker_and_the_token_keys_so_the_old_key_can_go()
    {
        var app = await TestApp.StartIsolatedAsync("rotate");
        try
        {
            var office = await app.CreateOfficeAsync();
            using var admin = await app.AdminAsync();
            var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
            var oldKeys = Protector(app.Environment);
            var people = Enumerable.Range(0, 30).Select(i => ($"64710115069{i:00}001", $"+62812000{i:0000}", $"p{i}@example.id")).ToList();
            await app.InsertSeekersEncryptedWithAsync(oldKeys, office.Id, "Rotasi", people);

            // Add key 2 for both purposes (the highest number is active), then rotate.
            var rotating = new Dictionary<string, string>(app.Environment)
            {
                ["PersonalData__EncryptionKeys__2"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["PersonalData__BlindIndexKeys__2"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
            // Every service tests start also holds the canary seeker.
            var seekers = await app.StoredSeekerCountAsync();
            Assert.Equal(people.Count + 1, seekers);
            var (code, output) = await ServiceProcess.RunCommandAsync(rotating, "rotate-keys", "--batch", "7");
            Assert.True(code == 0, output);
            Assert.Contains($"Rewrote {seekers} job seekers", output, StringComparison.Ordinal);
            var (again, second) = await ServiceProcess.RunCommandAsync(rotating, "rotate-keys");
            Assert.True(again == 0 && second.Contains("Rewrote 0 job seekers", StringComparison.Ordinal), second);

            // Only key 2 remains: every value still reads back and is found by its blind index.
            var onlyNew = new Dictionary<string, string>(rotating);
            onlyNew.Remove("PersonalData__EncryptionKeys__1");
            onlyNew.Remove("PersonalData__BlindIndexKeys__1");
            var newKeys = Protector(onlyNew);
            var stored = await app.StoredContactsNamedAsync("Rotasi");
            Assert.Equal(people.Select(p => p.Item1), stored.Select(s => newKeys.Decrypt(PersonalField.Nik, s.NikCipher)));
            Assert.Equal(people.Select(p => p.Item2), stored.Select(s => newKeys.Decrypt(PersonalField.Phone, s.PhoneCipher)));
            Assert.Equal(people.Select(p => p.Item3), stored.Select(s => newKeys.Decrypt(PersonalField.Email, s.EmailCipher)));
            Assert.Equal(people.Select(p => Convert.ToHexString(newKeys.BlindIndex(PersonalField.Nik, p.Item1))),
                stored.Select(s => Convert.ToHexString(s.NikHash)));

            app.Service.Kill();
            await using var service = await ServiceProcess.StartAsync(onlyNew);
            using var client = service.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static PersonalDataProtector Protector(Dictionary<string, string> environment)
    {
        var options = new PersonalDataOptions();
        foreach (var (key, value) in environment)
        {
            if (key.StartsWith("PersonalData__EncryptionKeys__", StringComparison.Ordinal))
            {
                options.EncryptionKeys[key.Split("__")[^1]] = value;
            }
            else if (key.StartsWith("PersonalData__BlindIndexKeys__", StringComparison.Ordinal))
            {
                options.BlindIndexKeys[key.Split("__")[^1]] = value;
            }
        }

        return new PersonalDataProtector(Options.Create(options));
    }
}
