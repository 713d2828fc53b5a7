using System.Net;
using System.Security.Cryptography;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Uploads;

/// <summary>The tus protocol on the api replicas: chunks to any replica, offsets, races, checksums, termination.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class UploadProtocolTests(HostModeAppFixture fixture)
{
    // Above the api's 2 MiB body limit, so every chunk also shows that the upload route lifts it.
    private const int ChunkSize = 3 * 1024 * 1024;

    [Fact]
    public async Task DiscoveryAnnouncesTheVersionExtensionsChecksumAndMaxSize()
    {
        using var api = new ApiClient(fixture, "api-1");

        using var response = await api.SendAsync(HttpMethod.Options, "/api/uploads", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", TusClient.Header(response, "Tus-Version"));
        Assert.Equal("creation,termination,expiration,checksum", TusClient.Header(response, "Tus-Extension"));
        Assert.Equal("sha256", TusClient.Header(response, "Tus-Checksum-Algorithm"));
        Assert.Equal((4L * 1024 * 1024 * 1024).ToString(), TusClient.Header(response, "Tus-Max-Size"));
    }

    [Fact]
    public async Task ChunksSentToThreeReplicasMakeOneFileWhoseSha256Matches()
    {
        var content = RandomNumberGenerator.GetBytes(2 * ChunkSize + 12345);
        var (replicas, clients) = await ClientsOnReplicasAsync("api-1", "api-2", "api-3");
        var location = await clients[0].CreateAsync(content.Length, "holiday.mp4", "video/mp4");

        using (var first = await clients[0].PatchAsync(location, 0, content[..ChunkSize]))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
            Assert.Equal(ChunkSize.ToString(), TusClient.Header(first, "Upload-Offset"));
        }

        // The client resumes elsewhere from the offset the server reports, as after losing its replica.
        var resumeAt = await clients[1].OffsetAsync(location);
        using (var second = await clients[1].PatchAsync(location, resumeAt, content[(int)resumeAt..(2 * ChunkSize)]))
        {
            Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        }

        using var last = await clients[2].PatchAsync(location, 2 * ChunkSize, content[(2 * ChunkSize)..]);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        var fileId = TusClient.Header(last, "Upload-File-Id");
        using var head = await clients[1].HeadAsync(location);
        Assert.Equal(content.Length.ToString(), TusClient.Header(head, "Upload-Offset"));
        Assert.Equal(fileId, TusClient.Header(head, "Upload-File-Id"));
        Assert.Equal(content, await File.ReadAllBytesAsync(CompletedPath(content)));
        Assert.False(File.Exists(StagingPath(location)), "the staging file outlived the upload");
        foreach (var replica in replicas)
        {
            replica.Dispose();
        }
    }

    [Fact]
    public async Task ThroughTheGatewayOnlyTheUploadRouteTakesLargeBodies()
    {
        using var api = new ApiClient(fixture, "api-2");
        var auth = await api.RegisterAsync();
        using var web = fixture.CreateWebClient();
        var tus = new TusClient(web, auth.AccessToken);
        var content = RandomNumberGenerator.GetBytes(ChunkSize);

        var location = await tus.CreateAsync(content.Length);
        using var chunk = await tus.PatchAsync(location, 0, content);
        using var elsewhere = await web.PostAsync("/api/auth/login", new ByteArrayContent(content));

        Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
        Assert.Equal(content, await File.ReadAllBytesAsync(CompletedPath(content)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, elsewhere.StatusCode);
    }

    [Fact]
    public async Task AChunkAtAnotherOffsetThanTheServersIsRefusedWith409()
    {
        var (replicas, clients) = await ClientsOnReplicasAsync("api-3");
        var location = await clients[0].CreateAsync(100);
        using var ahead = await clients[0].PatchAsync(location, 10, new byte[10]);

        await AssertProblemAsync(ahead, HttpStatusCode.Conflict);
        Assert.Equal(0, await clients[0].OffsetAsync(location));
        replicas[0].Dispose();
    }

    [Fact]
    public async Task OfTwoClientsRacingTheSameOffsetOneWinsAndTheFileHoldsOnlyItsBytes()
    {
        var (replicas, clients) = await ClientsOnReplicasAsync("api-1", "api-2");
        var contents = new[] { RandomNumberGenerator.GetBytes(ChunkSize), RandomNumberGenerator.GetBytes(ChunkSize) };
        var location = await clients[0].CreateAsync(ChunkSize);

        var responses = await Task.WhenAll(
            Task.Run(() => clients[0].PatchAsync(location, 0, contents[0])),
            Task.Run(() => clients[1].PatchAsync(location, 0, contents[1])));

        var statuses = responses.Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], statuses);
        var winner = contents[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.NoContent)];
        Assert.Equal(winner, await File.ReadAllBytesAsync(CompletedPath(winner)));
        Assert.Equal(ChunkSize, await clients[1].OffsetAsync(location));
        foreach (var disposable in responses.Cast<IDisposable>().Concat(replicas))
        {
            disposable.Dispose();
        }
    }

    [Fact]
    public async Task AChunkWhoseChecksumDoesNotMatchIsRefusedWith460AndDiscarded()
    {
        var (replicas, clients) = await ClientsOnReplicasAsync("api-2");
        var content = RandomNumberGenerator.GetBytes(4096);
        var location = await clients[0].CreateAsync(content.Length);

        using var corrupt = await clients[0].PatchAsync(location, 0, content, Convert.ToBase64String(SHA256.HashData(new byte[1])));
        Assert.Equal(460, (int)corrupt.StatusCode);
        Assert.Equal(0, await clients[0].OffsetAsync(location));
        Assert.Equal(0, new FileInfo(StagingPath(location)).Length);

        using var retry = await clients[0].PatchAsync(location, 0, content);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        replicas[0].Dispose();
    }

    [Fact]
    public async Task ARequestWithoutTheTusVersionGets412WithTheVersionsSpoken()
    {
        using var api = new ApiClient(fixture, "api-1");
        var auth = await api.RegisterAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        request.Headers.Authorization = new("Bearer", auth.AccessToken);
        request.Headers.Add("Tus-Resumable", "0.2.2");
        request.Headers.Add("Upload-Length", "10");

        using var response = await api.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("1.0.0", TusClient.Header(response, "Tus-Version"));
    }

    [Fact]
    public async Task ATerminatedUploadIsGoneWithItsStagedBytes()
    {
        var (replicas, clients) = await ClientsOnReplicasAsync("api-1", "api-3");
        var location = await clients[0].CreateAsync(1000);
        using (var chunk = await clients[0].PatchAsync(location, 0, new byte[500]))
        {
            Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
        }

        using var terminated = await clients[1].DeleteAsync(location);
        using var head = await clients[0].HeadAsync(location);
        using var patch = await clients[0].PatchAsync(location, 500, new byte[500]);

        Assert.Equal(HttpStatusCode.NoContent, terminated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.False(File.Exists(StagingPath(location)));
        foreach (var replica in replicas)
        {
            replica.Dispose();
        }
    }

    [Fact]
    public async Task AnUploadWhoseStagedFileIsGoneEndsWith404NotA500()
    {
        var (replicas, clients) = await ClientsOnReplicasAsync("api-2");
        var location = await clients[0].CreateAsync(1000);
        using (var chunk = await clients[0].PatchAsync(location, 0, new byte[500]))
        {
            Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
        }

        // As after a replica died between the file store taking the staged file and recording the completed file.
        File.Delete(StagingPath(location));
        using var patch = await clients[0].PatchAsync(location, 500, new byte[500]);
        using var head = await clients[0].HeadAsync(location);

        await AssertProblemAsync(patch, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        replicas[0].Dispose();
    }

    /// <summary>One user, one tus client per named replica.</summary>
    private async Task<(ApiClient[] Replicas, TusClient[] Clients)> ClientsOnReplicasAsync(params string[] names)
    {
        var replicas = names.Select(name => new ApiClient(fixture, name)).ToArray();
        var auth = await replicas[0].RegisterAsync();
        return (replicas, replicas.Select(replica => new TusClient(replica.Http, auth.AccessToken)).ToArray());
    }

    private string CompletedPath(byte[] content)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        return Path.Combine(fixture.FilesDirectory, "completed", sha256[..2], sha256);
    }

    private string StagingPath(string location) => Path.Combine(fixture.FilesDirectory, "staging", location.Split('/')[^1]);
}
