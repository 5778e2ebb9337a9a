using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>Matching and the workflow side by side: recomputes replace only proposed suggestions; a row a person
/// acted on keeps its id, status and ranks through its seeker's recompute and its vacancy filling up, and its pair
/// is never proposed again.</summary>
[Collection(IsolatedService.Workflow)]
public class MatchingInterplayTests(IsolatedService service)
{
    [Fact]
    public async Task Acted_on_suggestions_survive_recomputes_and_their_vacancy_filling_up()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var referred = await world.CookAsync();
        var declined = await world.CookAsync();
        var hired = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync(openings: 1);
        var elsewhere = await world.CookVacancyAsync();
        var approved = (await world.ApproveAsync(vacancy.Id, referred.Id)).Id;
        var rejected = await world.SuggestionIdAsync(vacancy.Id, declined.Id);
        await (await world.Staff.ActAsync(rejected, "reject", new { reasonCode = "location" })).ReadAsync<WorkflowStateDto>();
        await world.SuggestionIdAsync(elsewhere.Id, referred.Id);
        var before = await app.StandingsAsync(approved, rejected);

        // A change to both seekers recomputes them: their proposed lists are rewritten and renumbered.
        foreach (var seeker in new[] { referred, declined })
        {
            var items = new List<object>();
            foreach (var (code, level, evidence) in WorkflowIntents.Cook)
            {
                items.Add(new { competencyId = await world.Staff.CompetencyIdAsync(code), level, evidence, years = 3.0 });
            }

            (await world.Staff.PutAsJsonAsync($"/api/v1/seekers/{seeker.Id}/competencies", new { items }))
                .EnsureSuccessStatusCode();
        }

        await app.WaitForRecomputesAsync([vacancy.Id, elsewhere.Id], [referred.Id, declined.Id]);
        Assert.Equal(before, await app.StandingsAsync(approved, rejected));
        Assert.Equal(1, await app.SuggestionCountAsync(vacancy.Id, declined.Id));

        // The third seeker is hired into the only opening: the vacancy fills, its recompute expires what is still
        // proposed, and leaves the referred and rejected rows as they were.
        var last = (await world.ApproveAsync(vacancy.Id, hired.Id)).Id;
        await (await world.Staff.ActAsync(last, "hire", new { monthlyWage = 4_900_000 })).ReadAsync<WorkflowStateDto>();
        await app.WaitForRecomputesAsync([vacancy.Id], [hired.Id]);
        Assert.Equal(before, await app.StandingsAsync(approved, rejected));
        Assert.Equal(0, await app.SuggestionCountAsync(vacancy.Id, status: "proposed"));
    }
}
