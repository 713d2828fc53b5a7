using System.Net;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Hosting;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using StackExchange.Redis;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Uploads;

/// <summary>Size, quota and concurrency limits, ownership and expiry of uploads, with the default limits of the api.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class UploadLimitTests(HostModeAppFixture fixture)
{
    private const long GiB = 1024L * 1024 * 1024;

    [Fact]
    public async Task AnUploadOverTheMaxSizeIsRefusedWith413BeforeAnyByteIsStored()
    {
        var (api, tus) = await UserOnAsync("api-1");
        var stagedBefore = StagedFiles();

        using var response = await tus.CreateRawAsync(4 * GiB + 1);

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("https://nexuschat.dev/problems/upload-too-large", problem.GetProperty("type").GetString());
        Assert.Null(response.Headers.Location);
        Assert.Equal(stagedBefore, StagedFiles());
        api.Dispose();
    }

    [Fact]
    public async Task UploadsPastTheQuotaAreRefusedWith413UntilOneIsDeleted()
    {
        var (api, tus) = await UserOnAsync("api-2");
        var first = await tus.CreateAsync(4 * GiB);
        await tus.CreateAsync(4 * GiB);

        using var refused = await tus.CreateRawAsync(3 * GiB);
        var problem = await AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("https://nexuschat.dev/problems/upload-quota-exceeded", problem.GetProperty("type").GetString());

        using (var deleted = await tus.DeleteAsync(first))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await tus.CreateAsync(3 * GiB);
        api.Dispose();
    }

    [Fact]
    public async Task ASixthUploadInProgressIsRefusedWith429()
    {
        var (api, tus) = await UserOnAsync("api-3");
        for (var i = 0; i < 5; i++)
        {
            await tus.CreateAsync(1000);
        }

        using var sixth = await tus.CreateRawAsync(1000);

        var problem = await AssertProblemAsync(sixth, HttpStatusCode.TooManyRequests);
        Assert.Equal("https://nexuschat.dev/problems/too-many-uploads", problem.GetProperty("type").GetString());
        api.Dispose();
    }

    [Fact]
    public async Task AnotherUsersUploadDoesNotExistForThem()
    {
        var (owner, ownerTus) = await UserOnAsync("api-1");
        var (other, otherTus) = await UserOnAsync("api-2");
        var location = await ownerTus.CreateAsync(100);

        using var head = await otherTus.HeadAsync(location);
        using var patch = await otherTus.PatchAsync(location, 0, new byte[100]);
        using var delete = await otherTus.DeleteAsync(location);

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        await AssertProblemAsync(patch, HttpStatusCode.NotFound);
        await AssertProblemAsync(delete, HttpStatusCode.NotFound);
        Assert.Equal(0, await ownerTus.OffsetAsync(location));
        owner.Dispose();
        other.Dispose();
    }

    [Fact]
    public async Task AnExpiredUploadIsDeletedWithItsBytesAndItsQuotaFreed()
    {
        var (api, tus) = await UserOnAsync("api-1");
        var location = await tus.CreateAsync(4 * GiB);
        await tus.CreateAsync(4 * GiB);
        using (var chunk = await tus.PatchAsync(location, 0, new byte[1000]))
        {
            Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
        }

        using (var head = await tus.HeadAsync(location))
        {
            var expires = DateTimeOffset.Parse(TusClient.Header(head, "Upload-Expires"));
            Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        }

        // A day cannot pass in a test: move this upload's expiry into the past, where the api's records keep it.
        await ExpireAsync(location.Split('/')[^1]);

        await Eventually.TrueAsync(() => !File.Exists(Path.Combine(fixture.FilesDirectory, "staging", location.Split('/')[^1])),
            TimeSpan.FromSeconds(20), "the cleanup did not delete the expired upload's staging file");
        using var gone = await tus.HeadAsync(location);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        // Its 4 GiB are free again: another 4 GiB fit in the 10 GiB quota beside the other 4 GiB upload (12 GiB before).
        await tus.CreateAsync(4 * GiB);
        api.Dispose();
    }

    [Fact]
    public async Task StagingFilesWithoutAnUploadAreDeletedOnceUntouchedForTheExpiry()
    {
        var (api, tus) = await UserOnAsync("api-3");
        var inProgress = Path.Combine(Staging, (await tus.CreateAsync(1000)).Split('/')[^1]);
        // As a replica that died inside POST leaves them: a staging file and no upload record.
        var (orphan, laterOrphan, freshOrphan) = (NewStagingPath(), NewStagingPath(), NewStagingPath());
        var notAnUpload = Path.Combine(Staging, "notes.txt");
        var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        foreach (var path in new[] { orphan, freshOrphan, notAnUpload })
        {
            await File.WriteAllBytesAsync(path, new byte[10]);
        }

        foreach (var path in new[] { orphan, notAnUpload, inProgress })
        {
            File.SetLastWriteTimeUtc(path, twoDaysAgo);
        }

        try
        {
            await Eventually.TrueAsync(() => !File.Exists(orphan), TimeSpan.FromSeconds(20), "the cleanup did not delete the orphaned staging file");
            // One more orphan, deleted by a sweep that began after the first: every sweep since has seen the others.
            await File.WriteAllBytesAsync(laterOrphan, new byte[10]);
            File.SetLastWriteTimeUtc(laterOrphan, twoDaysAgo);
            await Eventually.TrueAsync(() => !File.Exists(laterOrphan), TimeSpan.FromSeconds(20), "the cleanup stopped deleting orphans");

            Assert.True(File.Exists(inProgress), "an upload in progress lost its staging file");
            Assert.True(File.Exists(freshOrphan), "a staging file younger than the expiry was deleted");
            Assert.True(File.Exists(notAnUpload), "a file whose name no upload has was deleted");
        }
        finally
        {
            File.Delete(freshOrphan);
            File.Delete(notAnUpload);
            api.Dispose();
        }
    }

    private string Staging => Path.Combine(fixture.FilesDirectory, "staging");

    private string NewStagingPath() => Path.Combine(Staging, Guid.NewGuid().ToString("N"));

    private async Task ExpireAsync(string uploadId)
    {
        var connectionString = await fixture.App.GetConnectionStringAsync(ResourceNames.Redis);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        var db = redis.GetDatabase();
        await db.HashSetAsync($"nexuschat:uploads:upload:{uploadId}", "expires", past);
        await db.SortedSetAddAsync("nexuschat:uploads:expiring", uploadId, past);
    }

    private async Task<(ApiClient Api, TusClient Tus)> UserOnAsync(string replica)
    {
        var api = new ApiClient(fixture, replica);
        var auth = await api.RegisterAsync();
        return (api, new TusClient(api.Http, auth.AccessToken));
    }

    private int StagedFiles()
    {
        var staging = Path.Combine(fixture.FilesDirectory, "staging");
        return Directory.Exists(staging) ? Directory.GetFiles(staging).Length : 0;
    }
}
