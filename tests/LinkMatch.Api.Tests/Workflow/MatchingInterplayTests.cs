using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>Matching and the workflow side by side: recomputes replace only proposed suggestions; a row a person
/// acted on keeps its id, status and ranks through a full refresh and through its vacancy filling up, and its pair
/// is never proposed again.</summary>
public class MatchingInterplayTests
{
    private const string Row = """
        select concat_ws('|', id, status, rank, coalesce(seeker_rank::text, '-'), updated_at)
        from suggestions where id = @id
        """;

    [Fact]
    public async Task Acted_on_suggestions_survive_a_full_refresh_and_their_vacancy_filling_up()
    {
        // A service of its own: a full refresh gives every proposed suggestion a new id, which other tests would see.
        var app = await TestApp.StartIsolatedAsync("workflow_refresh");
        try
        {
            await RunAsync(app);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task RunAsync(TestApp app)
    {
        var world = await app.WorkflowWorldAsync("51");
        var referred = await world.CookAsync();
        var declined = await world.CookAsync();
        var hired = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync(openings: 1);
        var approved = (await world.ApproveAsync(vacancy.Id, referred.Id)).Id;
        var rejected = await world.SuggestionIdAsync(vacancy.Id, declined.Id);
        await (await world.Staff.ActAsync(rejected, "reject", new { reasonCode = "location" })).ReadAsync<WorkflowStateDto>();
        var before = (await app.ScalarAsync<string>(Row, new { id = approved }), await app.ScalarAsync<string>(Row, new { id = rejected }));

        using var admin = await app.AdminAsync();
        await app.WaitForJobAsync((await admin.RefreshAsync()).JobId);
        Assert.Equal(before, (await app.ScalarAsync<string>(Row, new { id = approved }), await app.ScalarAsync<string>(Row, new { id = rejected })));
        Assert.Equal(1, await app.ScalarAsync<long>(
            "select count(*) from suggestions where vacancy_id = @v and seeker_id = @s", new { v = vacancy.Id, s = declined.Id }));

        // The third seeker is hired into the only opening: the vacancy fills, its recompute expires what is still
        // proposed, and leaves the referred and rejected rows as they were.
        var last = (await world.ApproveAsync(vacancy.Id, hired.Id)).Id;
        await (await world.Staff.ActAsync(last, "hire", new { monthlyWage = 4_900_000 })).ReadAsync<WorkflowStateDto>();
        await app.WaitForRecomputesAsync([vacancy.Id], [hired.Id]);
        Assert.Equal(before, (await app.ScalarAsync<string>(Row, new { id = approved }), await app.ScalarAsync<string>(Row, new { id = rejected })));
        Assert.Equal(0, await app.ScalarAsync<long>(
            "select count(*) from suggestions where vacancy_id = @id and status = 'proposed'", new { id = vacancy.Id }));
    }
}
