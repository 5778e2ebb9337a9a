using LinkMatch.Api.Database;

namespace LinkMatch.Api.Tests.Platform;

public class SqlScriptTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_only()
    {
        const string sql = """
            -- a comment; with a semicolon
            create table a (t text default 'x;y', "odd;name" int);
            /* block; /* nested; */ still comment; */
            create function f() returns int language plpgsql as $body$ begin return 1; end $body$;
            do $$ begin perform 1; end $$;
            select E'it\'s; fine', $1;
            """;
        var statements = SqlScript.Split(sql);
        Assert.Equal(4, statements.Count);
        Assert.StartsWith("create table a", statements[0].Text, StringComparison.Ordinal);
        Assert.Contains("$body$ begin return 1; end $body$", statements[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("do $$", statements[2].Text, StringComparison.Ordinal);
        Assert.Equal("select E'it\\'s; fine', $1", statements[3].Text);
        Assert.Equal(2, SqlScript.LineOf(sql, statements[0].Offset));
        Assert.Equal(4, SqlScript.LineOf(sql, statements[1].Offset));
    }

    [Fact]
    public void Every_shipped_migration_splits_into_statements_that_end_cleanly()
    {
        foreach (var migration in Migrator.Embedded)
        {
            var statements = SqlScript.Split(migration.Sql);
            Assert.NotEmpty(statements);
            Assert.All(statements, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
        }
    }
}
