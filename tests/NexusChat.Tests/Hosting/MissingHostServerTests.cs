namespace NexusChat.Tests.Hosting;

public sealed class MissingHostServerTests
{
    [Fact]
    public async Task HostModeWithoutTheServersStopsAtOnceNamingThePackagesToInstall()
    {
        var data = Directory.CreateTempSubdirectory("nexuschat-missing-").FullName;
        try
        {
            // A PATH with nothing on it: redis-server and turnserver cannot be found.
            var result = await AppHostProcess.RunAsync(
                [],
                new Dictionary<string, string>
                {
                    ["PATH"] = data,
                    ["NexusChat__Infrastructure"] = "host",
                    ["NexusChat__DataDirectory"] = data,
                },
                TimeSpan.FromSeconds(60));

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("redis-server", result.Error, StringComparison.Ordinal);
            Assert.Matches("apt-get install -y .*redis-server.*coturn", result.Error);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
