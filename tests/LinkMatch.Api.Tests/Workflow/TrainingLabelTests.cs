using System.Text.RegularExpressions;
using LinkMatch.Api.Matching.Training;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Workflow;

namespace LinkMatch.Api.Tests.Workflow;

/// <summary>The workflow's outcomes are the ranking model's labels: every status the database allows has its
/// label in TrainingLabels (the training set reads suggestions' statuses as stored, through
/// <see cref="TrainingLabels.Of"/>).</summary>
public partial class TrainingLabelTests
{
    private static readonly Dictionary<string, float> Expected = new()
    {
        ["hired"] = 4,
        ["interview_scheduled"] = 3,
        ["approved"] = 2,
        ["proposed"] = 1,
        ["expired"] = 1,
        ["rejected"] = 0,
        ["not_hired"] = 0,
    };

    [Fact]
    public async Task Every_status_the_database_allows_has_the_workflows_label()
    {
        var app = await TestApp.SharedAsync();
        // Raw SQL: the database's own rule (the check constraint on suggestions.status), which no API shows.
        var definition = await app.ScalarAsync<string>(
            "select pg_get_constraintdef(oid) from pg_constraint where conname = 'suggestions_status_check'");
        var statuses = Quoted().Matches(definition).Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(Expected.Keys.Order(), statuses);
        // The names the code passes to SQL are the ones the database allows.
        Assert.Equal(statuses, SuggestionStatuses.All.Order());
        foreach (var status in statuses)
        {
            Assert.Equal(Expected[status], TrainingLabels.Of(hired: false, status));
        }

        // A placement wins whatever the suggestion says.
        Assert.Equal(TrainingLabels.Hired, TrainingLabels.Of(hired: true, "not_hired"));
    }

    [GeneratedRegex("'([a-z_]+)'")]
    private static partial Regex Quoted();
}
