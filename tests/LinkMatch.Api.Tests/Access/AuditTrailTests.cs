using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

/// <summary>The record of processing answers the questions a data protection officer asks, through the audit API.
/// That the service's own database role cannot change it is proven by
/// <c>Platform.MigrationTests.The_runtime_role_cannot_alter_or_erase_the_audit_log</c>.</summary>
public class AuditTrailTests
{
    [Fact]
    public async Task Who_accessed_a_seeker_between_two_instants_is_answered_from_the_audit_log()
    {
        var app = await TestApp.SharedAsync();
        var (first, firstUser, officeId) = await app.StaffAsync();
        var (second, secondUser, _) = await app.StaffAsync(officeId);
        var (otherOffice, _, _) = await app.StaffAsync();
        var seeker = await first.RegisterAsync(SeekerIntents.NewSeeker());

        var from = await ServerNowAsync(app);
        await first.GetSeekerAsync(seeker.Id);
        await second.GetSeekerAsync(seeker.Id);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/api/v1/seekers?name={Uri.EscapeDataString(seeker.FullName)}")).StatusCode);
        await (await otherOffice.GetAsync($"/api/v1/seekers/{seeker.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var to = await ServerNowAsync(app);
        await first.GetSeekerAsync(seeker.Id);

        var rows = await app.AuditRowsAsync($"seekerId={seeker.Id}&action=seeker.read*&from={Instant(from)}&to={Instant(to)}");
        Assert.Equal(
            [(firstUser.UserName, "seeker.read"), (secondUser.UserName, "seeker.read"), (secondUser.UserName, "seeker.read")],
            rows.OrderBy(r => r.Id).Select(r => (r.ActorName, r.Action)));
        Assert.All(rows, r => Assert.True(r.ActorKind == "user" && r.At >= from && r.At < to));
        Assert.Equal([firstUser.Id, secondUser.Id], rows.Select(r => r.ActorId!.Value).Distinct().Order());

        // The whole trail of the person: registration, the reads above and the later one.
        var all = await app.AuditRowsAsync($"seekerId={seeker.Id}");
        Assert.Equal(["seeker.create", "seeker.read", "seeker.read", "seeker.read", "seeker.read"],
            all.OrderBy(r => r.Id).Select(r => r.Action));
    }

    [Fact]
    public async Task What_an_api_key_did_is_answered_from_the_audit_log()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        var employer = await app.CreateEmployerAsync();
        await app.CreateMouAsync(office.Id, employer.Id);
        var key = await app.IssueApiKeyAsync(employer.Id);
        var otherKey = await app.IssueApiKeyAsync(employer.Id);
        using var client = app.WithApiKey(key.Key);
        using var otherClient = app.WithApiKey(otherKey.Key);

        var vacancy = await client.PostVacancyAsync(EmployerIntents.JobVacancy());
        var amended = EmployerIntents.JobVacancy(openings: 5);
        amended.Remove("type");
        (await client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", amended)).EnsureSuccessStatusCode();
        (await client.PostAsync(new Uri($"/api/v1/vacancies/{vacancy.Id}/close", UriKind.Relative), null))
            .EnsureSuccessStatusCode();
        var others = await otherClient.PostVacancyAsync(EmployerIntents.JobVacancy());

        var rows = await app.AuditRowsAsync($"actorKind=api_key&actorId={key.Id}");
        Assert.Equal(["vacancy.create", "vacancy.update", "vacancy.close"], rows.OrderBy(r => r.Id).Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(("vacancy", vacancy.Id), (r.Entity, r.EntityId!.Value)));
        var theOther = Assert.Single(await app.AuditRowsAsync($"actorKind=api_key&actorId={otherKey.Id}"));
        Assert.Equal(("vacancy.create", others.Id), (theOther.Action, theOther.EntityId!.Value));
    }

    /// <summary>The database's clock, which stamps audit rows.</summary>
    private static async Task<DateTimeOffset> ServerNowAsync(TestApp app) =>
        new(DateTime.SpecifyKind(await app.DatabaseNowAsync(), DateTimeKind.Utc));

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToUniversalTime().ToString("O"));
}
