namespace NexusChat.Tests.Browser;

/// <summary>Where tests leave files for people to look at: under the repository's artifacts/test-results.</summary>
public static class TestArtifacts
{
    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    /// <summary>artifacts/test-results/screenshots, created on first use (build.sh empties test-results before a run).</summary>
    public static string ScreenshotsDirectory =>
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Value, "artifacts", "test-results", "screenshots")).FullName;

    /// <summary>A path inside the repository, e.g. a vendored file a test checks.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot.Value, .. parts]);

    // The tests run from bin/<configuration>/<framework>; the solution file marks the root.
    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NexusChat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no NexusChat.sln above {AppContext.BaseDirectory}");
    }
}
