using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;

namespace LinkMatch.Api.Tests.Employers;

public class EmployerTests
{
    [Fact]
    public async Task Staff_register_read_update_and_list_employers()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using var staffClient = staff;
        var name = Unique.Name("PT Kaltim Fabrikasi");
        var created = await (await staff.PostAsJsonAsync("/api/v1/employers", new
        {
            name,
            kbliCode = "25111",
            address = "Jl. Mulawarman No. 1, Balikpapan",
            regionCode = "64.71",
            contactName = "Ibu Sari",
            contactEmail = "HRD@Fabrikasi.example.id",
            contactPhone = "0812-5550-1000",
            workforce = 120,
        })).ReadAsync<EmployerDto>(HttpStatusCode.Created);
        Assert.Equal("hrd@fabrikasi.example.id", created.ContactEmail);
        Assert.Equal("+6281255501000", created.ContactPhone);
        Assert.Equal(created, await (await staff.GetAsync($"/api/v1/employers/{created.Id}")).ReadAsync<EmployerDto>());

        var updated = await (await staff.PutAsJsonAsync($"/api/v1/employers/{created.Id}", new
        {
            name,
            kbliCode = "25111",
            address = "Jl. Mulawarman No. 2, Samarinda",
            regionCode = "64.72",
            workforce = 150,
        })).ReadAsync<EmployerDto>();
        Assert.Equal(("64.72", 150, (string?)null), (updated.RegionCode, updated.Workforce, updated.ContactName));

        async Task<PageDto<EmployerDto>> ListAsync(string query) =>
            await (await staff.GetAsync($"/api/v1/employers?q={Uri.EscapeDataString(name)}&{query}")).ReadAsync<PageDto<EmployerDto>>();
        Assert.Single((await ListAsync("regionCode=64.72&kbliCode=25&sort=-createdAt,name")).Items);
        Assert.Single((await ListAsync("kbliCode=C")).Items);
        Assert.Empty((await ListAsync("kbliCode=B")).Items);
        Assert.Empty((await ListAsync("regionCode=64.71")).Items);
        Assert.Empty((await ListAsync($"officeId={officeId}")).Items);
        await app.CreateMouAsync(officeId, created.Id);
        Assert.Single((await ListAsync($"officeId={officeId}")).Items);
        await (await staff.GetAsync("/api/v1/employers?sort=wage")).AssertProblemAsync(HttpStatusCode.BadRequest, "sort");

        Assert.Equal(2, (await app.AuditRowsOfAsync("employer", created.Id))
            .Count(r => r.Action is "employer.create" or "employer.update"));
    }

    [Fact]
    public async Task Invalid_employers_name_the_field_and_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var name = Unique.Name("PT Gagal");
        var valid = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["kbliCode"] = "05100",
            ["address"] = "Jl. Tambang No. 3, Tenggarong",
            ["regionCode"] = "64.03",
        };
        Dictionary<string, object?> With(string field, object? value) => new(valid) { [field] = value };

        foreach (var (body, field) in new[]
        {
            (With("kbliCode", "ABC"), "kbliCode"),
            (With("kbliCode", "99999"), "kbliCode"),
            (With("regionCode", "99.99"), "regionCode"),
            (With("contactEmail", "not-an-email"), "contactEmail"),
            (With("contactPhone", "12"), "contactPhone"),
            (With("workforce", -1), "workforce"),
            (With("officeId", 1), "officeId"),
            (new Dictionary<string, object?>(valid.Where(p => p.Key != "name")), "name"),
        })
        {
            await (await admin.PostAsJsonAsync("/api/v1/employers", body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        }

        await (await admin.PutAsJsonAsync("/api/v1/employers/987654321", valid)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/employers/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0L, await app.EmployersNamedAsync(name));

        var employer = await app.CreateEmployerAsync();
        await (await admin.PutAsJsonAsync($"/api/v1/employers/{employer.Id}", With("regionCode", "99.99")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "regionCode");
        Assert.Equal(employer, await (await admin.GetAsync($"/api/v1/employers/{employer.Id}")).ReadAsync<EmployerDto>());
    }

    [Fact]
    public async Task Employers_see_only_themselves_and_instructors_see_no_contacts()
    {
        var app = await TestApp.SharedAsync();
        var a = await app.PartnerAsync();
        var b = await app.PartnerAsync();
        using var clientA = a.Client;
        using var clientB = b.Client;

        var own = await (await clientA.GetAsync($"/api/v1/employers/{a.Employer.Id}")).ReadAsync<EmployerDto>();
        Assert.Equal(a.Employer, own);
        await (await clientA.GetAsync($"/api/v1/employers/{b.Employer.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await (await clientA.GetAsync("/api/v1/employers?pageSize=200")).ReadAsync<PageDto<EmployerDto>>();
        Assert.Equal(a.Employer.Id, Assert.Single(list.Items).Id);
        await (await clientA.PostAsJsonAsync("/api/v1/employers", new
        {
            name = "PT Baru",
            kbliCode = "05100",
            address = "Jl. Baru No. 1",
            regionCode = "64.71"
        })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await clientA.PutAsJsonAsync($"/api/v1/employers/{a.Employer.Id}", new
        {
            name = "PT Baru",
            kbliCode = "05100",
            address = "Jl. Baru No. 1",
            regionCode = "64.71"
        })).AssertProblemAsync(HttpStatusCode.Forbidden);

        var centre = (await app.CreateTrainingCentreAsync(a.OfficeId)).Id;
        var user = await app.CreateUserAsync("instructor", trainingCentreId: centre);
        using var instructor = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        var seen = await (await instructor.GetAsync($"/api/v1/employers/{a.Employer.Id}")).ReadAsync<EmployerDto>();
        Assert.Equal((a.Employer.Name, (string?)null, (string?)null, (string?)null),
            (seen.Name, seen.ContactName, seen.ContactEmail, seen.ContactPhone));
        var listed = await (await instructor.GetAsync($"/api/v1/employers?q={Uri.EscapeDataString(a.Employer.Name)}")).ReadAsync<PageDto<EmployerDto>>();
        Assert.Null(Assert.Single(listed.Items).ContactPhone);
        await (await instructor.PostAsJsonAsync("/api/v1/employers", new
        {
            name = "PT Baru",
            kbliCode = "05100",
            address = "Jl. Baru No. 1",
            regionCode = "64.71"
        })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
