using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Uploads;

/// <summary>
/// The promise of "1 GB+ files": a gibibyte made on the fly goes through the gateway in 64 MiB chunks, the api replica
/// writing a chunk halfway through is SIGKILLed, the client resumes from the server's offset on another replica, and
/// the stored file is exactly the bytes sent, while no api replica's memory grows with the file.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class LargeUploadTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    private const long Size = 1L << 30;
    private const int ChunkSize = 64 << 20;
    private const long KillInChunkAt = Size / 2;
    private const long ResidentGrowthLimit = 64L << 20;
    private static readonly string[] Replicas = ["api-1", "api-2", "api-3"];
    private static readonly TimeSpan ResumeWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AGibibyteThroughTheGatewaySurvivesItsWritingReplicaKilledAndMatchesItsSha256InBoundedMemory()
    {
        using var registrar = new ApiClient(fixture, "api-1");
        var owner = await registrar.RegisterAsync();
        // The gateway's own port: the DCP proxy in front of it would add a hop the product does not have.
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.WebListeningPort}"), Timeout = TimeSpan.FromMinutes(2) };
        var tus = new TusClient(web, owner.AccessToken);
        var location = await tus.CreateAsync(Size, "gibibyte.bin");
        var staged = Path.Combine(fixture.FilesDirectory, "staging", location.Split('/')[^1]);
        var services = Replicas.ToDictionary(name => name, name => ResourceProcesses.ServicePid(fixture.App, name));
        var content = new SeededContent(seed: 20261130);
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize];
        string? victim = null;
        var restart = Task.CompletedTask;
        string? storedPath = null;
        var clock = Stopwatch.StartNew();
        try
        {
            await using (var memory = new ResidentMemorySampler(services.Values))
            {
                var offset = 0L;
                string? fileId = null;
                var (resumeStarted, resumed) = (TimeSpan.Zero, TimeSpan.Zero);
                while (fileId is null)
                {
                    var length = (int)Math.Min(ChunkSize, Size - offset);
                    content.Fill(buffer.AsSpan(0, length), offset);
                    var killHalfway = victim is null && offset + length > KillInChunkAt;
                    using var response = await TrySendAsync(tus, location, offset, new HalfwayContent(buffer, length, killHalfway
                        ? async () =>
                        {
                            victim = await KillTheWriterAsync(staged, services);
                            resumeStarted = clock.Elapsed;
                            restart = ResourceProcesses.RestartAsync(fixture, victim, "api");
                        }
                        : null));
                    if (response?.StatusCode == HttpStatusCode.NoContent)
                    {
                        resumed = victim is not null && resumed == TimeSpan.Zero ? clock.Elapsed : resumed;
                        expected.AppendData(buffer, 0, length);
                        offset += length;
                        fileId = offset == Size ? TusClient.Header(response, "Upload-File-Id") : null;
                        continue;
                    }

                    // What a tus client does after a failed chunk: ask any replica where the upload stands, go on from there.
                    Assert.True(clock.Elapsed - resumeStarted < ResumeWithin, $"no replica took the chunk at {offset} within {ResumeWithin}");
                    await Task.Delay(250);
                    var serverOffset = await TryOffsetAsync(tus, location);
                    Assert.True(serverOffset is null || serverOffset == offset,
                        $"the server is at {serverOffset} but acknowledged {offset}: a dead writer's bytes counted, or acknowledged bytes were lost");
                }

                output.WriteLine($"1 GiB in {clock.Elapsed.TotalSeconds:0.0} s; {victim} killed at {resumeStarted.TotalSeconds:0.0} s, " +
                    $"its chunk taken by another replica {(resumed - resumeStarted).TotalSeconds:0.0} s later");
                var sha256 = Convert.ToHexStringLower(expected.GetHashAndReset());
                storedPath = Path.Combine(fixture.FilesDirectory, "completed", sha256[..2], sha256);
                await using (var stored = File.OpenRead(storedPath))
                {
                    Assert.Equal(sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stored)));
                }

                using var head = await tus.HeadAsync(location);
                Assert.Equal(fileId, TusClient.Header(head, "Upload-File-Id"));
                Assert.False(File.Exists(staged), "the staging file outlived the upload");

                foreach (var (name, pid) in services)
                {
                    output.WriteLine($"{name} (pid {pid}{(name == victim ? ", killed" : "")}): resident memory grew {memory.Growth[pid] / 1024.0 / 1024:0.0} MiB");
                }

                Assert.All(memory.Growth, growth => Assert.InRange(growth.Value, long.MinValue, ResidentGrowthLimit));
            }

            Assert.NotNull(victim);
        }
        finally
        {
            await restart;
            if (storedPath is not null)
            {
                File.Delete(storedPath);
            }
        }
    }

    /// <summary>The replica writing the chunk is the one holding the staging file open; it dies like a power cut.</summary>
    private async Task<string> KillTheWriterAsync(string staged, Dictionary<string, int> services)
    {
        string? writer = null;
        await Eventually.TrueAsync(() => (writer = services.FirstOrDefault(s => ResourceProcesses.HasOpen(s.Value, staged)).Key) is not null,
            TimeSpan.FromSeconds(10), "no api replica has the staging file open halfway through a chunk");
        ResourceProcesses.Kill(fixture.App, writer!);
        return writer!;
    }

    /// <summary>The chunk's answer, or null when the connection broke (the gateway's replica died under it).</summary>
    private static async Task<HttpResponseMessage?> TrySendAsync(TusClient tus, string location, long offset, HttpContent chunk)
    {
        try
        {
            return await tus.PatchAsync(location, offset, chunk, checksumHeader: null);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<long?> TryOffsetAsync(TusClient tus, string location)
    {
        try
        {
            using var head = await tus.HeadAsync(location);
            return head.StatusCode == HttpStatusCode.OK ? long.Parse(TusClient.Header(head, "Upload-Offset"), System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>A chunk sent in two halves, with something done in between (while the server is writing it).</summary>
    private sealed class HalfwayContent(byte[] buffer, int length, Func<Task>? halfway) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var half = halfway is null ? length : length / 2;
            await stream.WriteAsync(buffer.AsMemory(0, half));
            if (halfway is not null)
            {
                await stream.FlushAsync();
                await halfway();
                await stream.WriteAsync(buffer.AsMemory(half, length - half));
            }
        }

        protected override bool TryComputeLength(out long contentLength)
        {
            contentLength = length;
            return true;
        }
    }
}
