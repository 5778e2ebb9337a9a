namespace LinkMatch.Api.Database;

/// <summary>One statement of a script and where it starts, so an error can name the line.</summary>
public sealed record SqlStatement(string Text, int Offset);

/// <summary>Splits a PostgreSQL script into statements at top-level semicolons, skipping those inside quotes,
/// dollar-quoted bodies and comments.</summary>
public static class SqlScript
{
    public static IReadOnlyList<SqlStatement> Split(string sql)
    {
        var statements = new List<SqlStatement>();
        var start = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'' || c == '"')
            {
                i = SkipQuoted(sql, i, c);
            }
            else if (c == '-' && Next(sql, i) == '-')
            {
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : sql.Length;
            }
            else if (c == '/' && Next(sql, i) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + tag.Length;
            }
            else if (c == ';')
            {
                Add(statements, sql, start, i);
                start = ++i;
            }
            else
            {
                i++;
            }
        }

        Add(statements, sql, start, sql.Length);
        return statements;
    }

    /// <summary>1-based line of a character offset.</summary>
    public static int LineOf(string sql, int offset) => 1 + sql.AsSpan(0, Math.Clamp(offset, 0, sql.Length)).Count('\n');

    // Leading comments and white space are not part of the statement; a statement of nothing else is skipped.
    private static void Add(List<SqlStatement> statements, string sql, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (sql[i] == '-' && Next(sql, i) == '-')
            {
                i = sql.IndexOf('\n', i) is var eol and >= 0 ? eol + 1 : end;
            }
            else if (sql[i] == '/' && Next(sql, i) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else
            {
                statements.Add(new SqlStatement(sql[i..end].TrimEnd(), i));
                return;
            }
        }
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    private static int SkipQuoted(string sql, int i, char quote)
    {
        // E'...' strings allow backslash escapes.
        var backslash = quote == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
        i++;
        while (i < sql.Length)
        {
            if (backslash && sql[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (sql[i] == quote)
            {
                if (Next(sql, i) == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && Next(sql, i) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && Next(sql, i) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static string? DollarTag(string sql, int i)
    {
        // $tag$ where tag is empty or an identifier not starting with a digit; $1 is a parameter.
        if (i > 0 && (char.IsLetterOrDigit(sql[i - 1]) || sql[i - 1] == '_'))
        {
            return null;
        }

        var j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_'))
        {
            j++;
        }

        return j < sql.Length && sql[j] == '$' && (j == i + 1 || !char.IsDigit(sql[i + 1])) ? sql[i..(j + 1)] : null;
    }
}
