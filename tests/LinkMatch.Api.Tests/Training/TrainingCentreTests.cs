using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Platform;

namespace LinkMatch.Api.Tests.Training;

public class TrainingCentreTests
{
    [Fact]
    public async Task Admin_creates_reads_updates_and_lists_training_centres()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var office = await app.CreateOfficeAsync("64.72");
        var first = await app.CreateTrainingCentreAsync(office.Id, "64.72");
        var second = await app.CreateTrainingCentreAsync(office.Id, "64.72");
        Assert.Equal(first, await (await admin.GetAsync($"/api/v1/training-centres/{first.Id}")).ReadAsync<TrainingCentreDto>());

        var updated = await (await admin.PutAsJsonAsync($"/api/v1/training-centres/{first.Id}", new
        {
            first.Code,
            name = "BLK Samarinda",
            officeId = office.Id,
            regionCode = "64.72",
            address = "Jl. Wahid Hasyim 2",
        })).ReadAsync<TrainingCentreDto>();
        Assert.Equal(("BLK Samarinda", "Jl. Wahid Hasyim 2"), (updated.Name, updated.Address));

        var page = await (await admin.GetAsync($"/api/v1/training-centres?officeId={office.Id}&regionCode=64&sort=-code"))
            .ReadAsync<PageDto<TrainingCentreDto>>();
        Assert.Equal(2, page.Total);
        Assert.Equal(new[] { first.Code, second.Code }.Order(StringComparer.Ordinal).Reverse(), page.Items.Select(c => c.Code));
        var elsewhere = await (await admin.GetAsync($"/api/v1/training-centres?officeId={office.Id}&regionCode=64.71"))
            .ReadAsync<PageDto<TrainingCentreDto>>();
        Assert.Equal(0, elsewhere.Total);
        Assert.Single(await app.AuditRowsAsync($"action=training_centre.update&entityId={first.Id}"));
    }

    [Fact]
    public async Task Invalid_unknown_and_duplicate_training_centres_change_nothing()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await app.AdminAsync();
        var centre = await app.CreateTrainingCentreAsync();
        var request = new { code = Unique.Code("BLK"), name = "BLK Baru", centre.OfficeId, regionCode = "64.71", address = "Jl. Baru 1" };

        await (await admin.PostAsJsonAsync("/api/v1/training-centres", request with { name = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "name");
        await (await admin.PostAsJsonAsync("/api/v1/training-centres", request with { OfficeId = 987654321L }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");
        await (await admin.PostAsJsonAsync("/api/v1/training-centres", request with { regionCode = "99.99" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "regionCode");
        await (await admin.PostAsJsonAsync("/api/v1/training-centres", new { request.code, request.name, request.OfficeId }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "address");
        await (await admin.PostAsJsonAsync("/api/v1/training-centres", request with { code = centre.Code }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsJsonAsync("/api/v1/training-centres/987654321", request))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/training-centres/987654321")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/training-centres?sort=budget")).AssertProblemAsync(HttpStatusCode.BadRequest, "sort");

        var other = await app.CreateTrainingCentreAsync();
        await (await admin.PutAsJsonAsync($"/api/v1/training-centres/{other.Id}", request with { code = centre.Code }))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(other, await (await admin.GetAsync($"/api/v1/training-centres/{other.Id}")).ReadAsync<TrainingCentreDto>());
        Assert.Equal(0, await app.TrainingCentresWithCodeAsync(request.code));
    }

    [Fact]
    public async Task Staff_and_instructors_read_only_their_own_centres_and_only_admins_write()
    {
        var app = await TestApp.SharedAsync();
        var mine = await app.CreateTrainingCentreAsync();
        var theirs = await app.CreateTrainingCentreAsync();
        var (staff, _, _) = await app.StaffAsync(mine.OfficeId);
        using var instructor = await app.InstructorAsync(mine.Id);
        using var employer = await app.EmployerFixtureAsync();
        var create = new { code = Unique.Code("BLK"), name = "BLK Liar", mine.OfficeId, regionCode = "64.71", address = "Jl. Liar 1" };
        using (staff)
        {
            var staffList = await (await staff.GetAsync("/api/v1/training-centres?pageSize=200"))
                .ReadAsync<PageDto<TrainingCentreDto>>();
            Assert.Equal(new[] { mine.Id }, staffList.Items.Select(c => c.Id));
            await (await staff.GetAsync($"/api/v1/training-centres/{theirs.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await staff.PutAsJsonAsync($"/api/v1/training-centres/{mine.Id}", create))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(mine, await (await instructor.GetAsync($"/api/v1/training-centres/{mine.Id}")).ReadAsync<TrainingCentreDto>());
        await (await instructor.GetAsync($"/api/v1/training-centres/{theirs.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var instructorList = await (await instructor.GetAsync("/api/v1/training-centres")).ReadAsync<PageDto<TrainingCentreDto>>();
        Assert.Equal(new[] { mine.Id }, instructorList.Items.Select(c => c.Id));
        await (await instructor.PostAsJsonAsync("/api/v1/training-centres", create)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await instructor.PutAsJsonAsync($"/api/v1/training-centres/{mine.Id}", create)).AssertProblemAsync(HttpStatusCode.Forbidden);

        await (await employer.GetAsync("/api/v1/training-centres")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await employer.GetAsync($"/api/v1/training-centres/{mine.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await employer.PostAsJsonAsync("/api/v1/training-centres", create)).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var admin = await app.AdminAsync();
        Assert.Equal(mine, await (await admin.GetAsync($"/api/v1/training-centres/{mine.Id}")).ReadAsync<TrainingCentreDto>());
        Assert.Equal(0, await app.TrainingCentresWithCodeAsync(create.code));
    }
}
