using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Platform;

public class OfficeAndReferenceTests
{
    [Fact]
    public async Task Admin_creates_reads_updates_and_lists_offices()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var office = await app.CreateOfficeAsync("64.72");
        var read = await (await admin.GetAsync($"/api/v1/offices/{office.Id}")).ReadAsync<OfficeDto>();
        Assert.Equal(office, read);

        var updated = await (await admin.PutAsJsonAsync($"/api/v1/offices/{office.Id}",
            new { office.Code, name = "Disnaker Kota Samarinda", level = "city_regency", regionCode = "64.72" }))
            .ReadAsync<OfficeDto>();
        Assert.Equal("Disnaker Kota Samarinda", updated.Name);

        var page = await (await admin.GetAsync("/api/v1/offices?regionCode=64.72&sort=-createdAt&pageSize=200"))
            .ReadAsync<PageDto<OfficeDto>>();
        Assert.Contains(page.Items, o => o.Id == office.Id);
        Assert.All(page.Items, o => Assert.Equal("64.72", o.RegionCode));
    }

    [Fact]
    public async Task Office_conflicts_and_unknown_references_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var office = await app.CreateOfficeAsync();
        var duplicate = await admin.PostAsJsonAsync("/api/v1/offices",
            new { office.Code, name = "Another", level = "city_regency", regionCode = "64.71" });
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);

        var unknownRegion = await admin.PostAsJsonAsync("/api/v1/offices",
            new { code = Unique.Code("X"), name = "Nowhere", level = "city_regency", regionCode = "99.99" });
        await unknownRegion.AssertProblemAsync(HttpStatusCode.BadRequest, "regionCode");

        var missing = await admin.PutAsJsonAsync("/api/v1/offices/987654321",
            new { code = Unique.Code("X"), name = "Nowhere", level = "city_regency", regionCode = "64.71" });
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);

        var unchanged = await (await admin.GetAsync($"/api/v1/offices/{office.Id}")).ReadAsync<OfficeDto>();
        Assert.Equal(office, unchanged);
    }

    [Fact]
    public async Task Staff_read_offices_but_cannot_create_them()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using (staff)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/offices/{officeId}")).StatusCode);
            var create = await staff.PostAsJsonAsync("/api/v1/offices",
                new { code = Unique.Code("X"), name = "Mine", level = "city_regency", regionCode = "64.71" });
            await create.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_starter_reference_data_covers_Kalimantan_Timur_and_the_trades()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var regions = await admin.GetFromJsonAsync<PageDto<RegionDto>>("/api/v1/reference/regions?provinceCode=64&pageSize=200");
        Assert.Contains(regions!.Items, r => r.Code == "64.71" && r.Name == "Kota Balikpapan");
        Assert.Equal(10, regions.Items.Count(r => r.Code.StartsWith("64.", StringComparison.Ordinal)));
        var byName = await admin.GetFromJsonAsync<PageDto<RegionDto>>("/api/v1/reference/regions?q=Balikpapan&sort=-name");
        Assert.Equal("64.71", Assert.Single(byName!.Items).Code);

        var welding = await admin.GetFromJsonAsync<PageDto<CompetencyDto>>("/api/v1/reference/competencies?q=SMAW");
        Assert.True(welding!.Total >= 3);

        var occupations = await admin.GetFromJsonAsync<PageDto<OccupationDto>>("/api/v1/reference/occupations?parent=721");
        Assert.Contains(occupations!.Items, o => o.Code == "7212");
        var paged = await admin.GetFromJsonAsync<PageDto<OccupationDto>>("/api/v1/reference/occupations?level=4&pageSize=5&page=2");
        Assert.Equal(5, paged!.Items.Count);
        Assert.True(paged.Total > 10);
        var mining = await admin.GetFromJsonAsync<PageDto<IndustryDto>>("/api/v1/reference/industries?section=B");
        Assert.All(mining!.Items, i => Assert.Equal("B", i.Section));

        var industry = await admin.GetFromJsonAsync<IndustryDto>("/api/v1/reference/industries/05100");
        Assert.Equal("B", industry!.Section);
    }

    [Fact]
    public async Task Admin_extends_reference_data_and_bad_codes_are_refused()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var code = $"TEST.{Unique.Number()}.01";
        var created = await (await admin.PostAsJsonAsync("/api/v1/reference/competencies",
            new { code, title = "Menguji Sistem", framework = "skkni" })).ReadAsync<CompetencyDto>(HttpStatusCode.Created);
        var renamed = await (await admin.PutAsJsonAsync($"/api/v1/reference/competencies/{created.Id}",
            new { code, title = "Menguji Sistem Lagi", framework = "other" })).ReadAsync<CompetencyDto>();
        Assert.Equal("other", renamed.Framework);
        await (await admin.PostAsJsonAsync("/api/v1/reference/competencies", new { code, title = "Dup", framework = "skkni" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        var region = await (await admin.PostAsJsonAsync("/api/v1/reference/regions",
            new { code = "65.98", name = "Kabupaten Uji", level = "regency", provinceCode = "65" }))
            .ReadAsync<RegionDto>(HttpStatusCode.Created);
        var renamed2 = await (await admin.PutAsJsonAsync($"/api/v1/reference/regions/{region.Code}", new { name = "Kabupaten Uji Baru" }))
            .ReadAsync<RegionDto>();
        Assert.Equal(("65.98", "regency", "Kabupaten Uji Baru"), (renamed2.Code, renamed2.Level, renamed2.Name));
        await (await admin.PutAsJsonAsync("/api/v1/reference/regions/99.99", new { name = "Nowhere" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync($"/api/v1/reference/regions/{region.Code}", new { name = "Baru", level = "city" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "level");
        var occupation = await (await admin.PutAsJsonAsync("/api/v1/reference/occupations/7212",
            new { title = "Tukang Las dan Pemotong Logam" })).ReadAsync<OccupationDto>();
        Assert.Equal("721", occupation.ParentCode);
        var industry = await (await admin.PutAsJsonAsync("/api/v1/reference/industries/05100",
            new { title = "Pertambangan Batu Bara" })).ReadAsync<IndustryDto>();
        Assert.Equal("B", industry.Section);
        var (staff, _, _) = await app.StaffAsync();
        using (staff)
        {
            await (await staff.PutAsJsonAsync("/api/v1/reference/industries/05100", new { title = "Mine" }))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await admin.PostAsJsonAsync("/api/v1/reference/occupations", new { code = "72129", title = "Too long" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        await (await admin.PostAsJsonAsync("/api/v1/reference/regions",
            new { code = "65.99", name = "Wrong province", level = "regency", provinceCode = "64" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "provinceCode");
    }
}

public sealed record PageDto<T>(List<T> Items, int Page, int PageSize, long Total);

public sealed record RegionDto(string Code, string Name, string Level, string? ProvinceCode);

public sealed record CompetencyDto(long Id, string Code, string Title, string Framework);

public sealed record OccupationDto(string Code, string Title, string? ParentCode, int Level);

public sealed record IndustryDto(string Code, string Title, string Section, string? ParentCode);
