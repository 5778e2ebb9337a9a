namespace LinkMatch.Ranking.Tests;

public class LibSvmReaderTests
{
    [Fact]
    public void Reads_rows_queries_and_absent_features_as_zero()
    {
        using var folder = new TempFolder();
        var path = folder.File("data.txt", "2 1:0.5 3:-1.25\n0 2:7\r\n\n1 1:1e-3 3:nan # a comment\n");
        folder.File("data.txt.query", "2\n1\n");
        var data = LibSvmReader.Load(path);
        Assert.Equal((3, 4, 2), (data.RowCount, data.FeatureCount, data.QueryCount));
        Assert.Equal([2f, 0, 1], data.Labels.ToArray());
        Assert.Equal([0f, 0.5f, 0, -1.25f], TestData.Row(data, 0));
        Assert.Equal([0f, 0, 7, 0], TestData.Row(data, 1));
        Assert.Equal(0.001f, data[2, 1]);
        Assert.True(float.IsNaN(data[2, 3]));
        Assert.Equal("f3", data.FeatureNames[3]);
    }

    [Fact]
    public void Query_ids_group_rows_when_there_is_no_query_file()
    {
        using var folder = new TempFolder();
        var data = LibSvmReader.Load(folder.File("q.txt", "1 qid:10 1:1\n0 qid:10 1:2\n2 qid:11 1:3\n"));
        Assert.Equal([0, 2, 3], data.QueryOffsets.ToArray());
    }

    [Fact]
    public void Query_ids_are_accepted_alongside_a_query_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("q.txt", "1 qid:10 1:1\n0 qid:10 1:2\n2 qid:11 1:3\n");
        folder.File("q.txt.query", "3\n");
        Assert.Equal(1, LibSvmReader.Load(path).QueryCount);
    }

    [Fact]
    public void Plain_decimals_parse_exactly()
    {
        string[] texts = ["0.1", "0.3", "123.4567", "-0.0001", "16777216", "0.12345678", "1e-7", "3.4028235e38", "7"];
        foreach (var text in texts)
        {
            Assert.True(LibSvmLineParser.TryParseFloat(System.Text.Encoding.ASCII.GetBytes(text), out var value));
            Assert.Equal(float.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("1 1:0.5\n0 2:0.5 3\n", 2, "expected 'index:value' but found '3'")]
    [InlineData("1 1:0.5\n0 2:\n", 2, "expected 'index:value'")]
    [InlineData("1 1:0.5\n0 2:abc\n", 2, "value 'abc' of feature 2 is not a number")]
    [InlineData("1 1:0.5\n0 x:1\n", 2, "feature index 'x' is not a whole number")]
    [InlineData("1 1:0.5\nnan 1:1\n", 2, "label 'nan' is not a number")]
    [InlineData("high 1:1\n", 1, "label 'high'")]
    [InlineData("1 1:0.5 1:0.7\n", 1, "feature 1 appears twice")]
    public void Bad_lines_name_the_file_and_line(string content, int line, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.txt", content);
        folder.File("bad.txt.query", "2\n");
        var error = Assert.Throws<DataFormatException>(() => LibSvmReader.Load(path));
        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains($"bad.txt:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2\n2\n", "query sizes sum to 4 but")]
    [InlineData("2\nx\n", "bad.txt.query:2: query size 'x'")]
    [InlineData("0\n3\n", "query size '0'")]
    public void Bad_query_files_are_named(string queries, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.txt", "1 1:1\n0 1:2\n1 1:3\n");
        folder.File("bad.txt.query", queries);
        var error = Assert.Throws<DataFormatException>(() => LibSvmReader.Load(path));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_query_sizes_are_reported()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<DataFormatException>(() => LibSvmReader.Load(folder.File("x.txt", "1 1:1\n")));
        Assert.Contains("no query sizes", error.Message, StringComparison.Ordinal);
    }
}
