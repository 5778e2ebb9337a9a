using Dapper;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>A recompute reads in one transaction and replaces rows in another. A row another recompute wrote in
/// between (knowing of a newer seeker or vacancy) must survive the replacement: only rows the reading saw go.
/// Raw SQL as the owner: the test drives the store's reading and replacing itself, and writes the other recompute's
/// row between them — an interleaving no request can choose.</summary>
[Collection(IsolatedService.Workflow)]
public class ConcurrentRecomputeTests(IsolatedService service)
{
    [Fact]
    public async Task Replacing_a_vacancys_rows_keeps_a_row_written_after_the_reading_snapshot()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        await world.SuggestionIdAsync(vacancy.Id, seeker.Id);
        await app.WaitForRecomputesAsync([vacancy.Id], [seeker.Id]);

        // A recompute starts reading...
        await using var reader = app.Database.OpenOwnerConnection();
        await using var reading = await reader.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var seenIn = await SuggestionStore.SnapshotAsync(reader, reading, CancellationToken.None);

        // ...while another recompute writes the pair anew (a newer row) and commits.
        await app.ExecuteAsync("""
            with old as (delete from suggestions where vacancy_id = @v and seeker_id = @s and status = 'proposed'
                         returning *)
            insert into suggestions (kind, vacancy_id, seeker_id, score, rank, seeker_rank, model_version, features,
                                     contributions, base_value, explanation, summary)
            select kind, vacancy_id, seeker_id, score, rank, seeker_rank, model_version, features, contributions,
                   base_value, explanation, summary from old
            """, new { v = vacancy.Id, s = seeker.Id });

        // The first recompute's replacement leaves the newer row; one that read after it removes it.
        await using var writer = app.Database.OpenOwnerConnection();
        await using (var writing = await writer.BeginTransactionAsync())
        {
            await SuggestionStore.LockAsync(writer, writing, CancellationToken.None);
            var gone = await SuggestionStore.DeleteProposedAsync(writer, writing, [vacancy.Id], null, CancellationToken.None, seenIn);
            Assert.Empty(gone);
            await writing.RollbackAsync();
        }

        await reading.CommitAsync();
        await using (var later = await writer.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead))
        {
            var now = await SuggestionStore.SnapshotAsync(writer, later, CancellationToken.None);
            await SuggestionStore.LockAsync(writer, later, CancellationToken.None);
            var gone = await SuggestionStore.DeleteProposedAsync(writer, later, [vacancy.Id], null, CancellationToken.None, now);
            Assert.Equal([(vacancy.Id, seeker.Id)], gone);
            await later.RollbackAsync();
        }

        Assert.Equal(1, await app.SuggestionCountAsync(vacancy.Id, seeker.Id));
    }
}
