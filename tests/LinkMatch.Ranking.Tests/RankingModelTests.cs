namespace LinkMatch.Ranking.Tests;

public class RankingModelTests
{
    [Fact]
    public void Model_type_exists() => Assert.NotNull(new RankingModel());
}
