namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>Files of the repository the tests were built from (the folder holding LinkMatch.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "LinkMatch.sln")))
        {
            dir = dir.Parent ?? throw new InvalidOperationException("LinkMatch.sln not found above the tests");
        }

        return dir.FullName;
    }
}
