using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using NexusChat.Conversations.Attachments;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Files;
using NexusChat.Tests.Infrastructure;
using NexusChat.Worker.Backups;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace NexusChat.Tests.Backups;

/// <summary>
/// Backups of the embedded store, its files and the files index, taken by the worker's backup parts on a real SQLite
/// store while senders write, and restored by the worker's restore command in a process of its own.
/// </summary>
public sealed class BackupRestoreTests(RedisServerFixture redis, ITestOutputHelper output) : IClassFixture<RedisServerFixture>, IDisposable
{
    private const int Channels = 4;
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-backup-").FullName;

    private static CancellationToken TestTimeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    [SkippableFact]
    public async Task ABackupTakenWhileMessagesAreSentRestoresEveryMessageUpToItsPointWithGapFreeSeqsAndEveryReferencedFile()
    {
        RequiredTools.SkipOrFailIfMissing(RedisServerFixture.MissingReason);
        var world = await BackupWorld.OpenAsync(_folder, TestTimeout());
        var channels = new List<ConversationRecord>();
        for (var i = 0; i < Channels; i++)
        {
            channels.Add(await world.Store.CreateChannelAsync(new NewChannel("ana", $"backup-{i}", null, ChannelVisibility.Public, ["bob"]), TestTimeout()));
        }

        // An attachment with a thumbnail, two more to attach while sending, and an upload completed but never sent.
        var (pictured, thumbnail) = (await world.PutFileAsync(70_000, TestTimeout()), await world.PutFileAsync(3_000, TestTimeout()));
        var attachable = new[] { await world.PutFileAsync(10_000, TestTimeout()), await world.PutFileAsync(200_000, TestTimeout()) };
        var seed = (await world.Store.SendMessageAsync(new NewMessage(channels[0].Id, "ana", "picture", null, [], "seed") { Attachments = [pictured] }, TestTimeout()))!.Value;
        await world.Store.SetAttachmentPreviewAsync(channels[0].Id, seed.Id, pictured.FileId,
            new AttachmentPreview("ready", 64, 48, thumbnail.Sha256, "image/webp"), TestTimeout());
        var unsent = Guid.NewGuid().ToString("N");
        await redis.Connection.GetDatabase().HashSetAsync(CompletedFiles.Key(unsent),
            [new("owner", "ana"), new("name", "unsent.txt"), new("type", "text/plain"), new("size", "3"), new("sha256", attachable[0].Sha256), new("created", "1")]);

        // Senders write until told to stop; each acknowledged send is kept with when it was acknowledged.
        var acknowledged = new ConcurrentQueue<(string ConversationId, string Id, long Seq, long At)>();
        using var stop = new CancellationTokenSource();
        var senders = channels.Select((channel, c) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var message = new NewMessage(channel.Id, i % 2 == 0 ? "ana" : "bob", $"message {i}", null, [], $"{c}-{i}")
                {
                    Attachments = i % 10 == 0 ? [attachable[i / 10 % 2] with { FileId = Guid.NewGuid().ToString("N") }] : [],
                };
                var sent = (await world.Store.SendMessageAsync(message, TestTimeout()))!.Value;
                acknowledged.Enqueue((channel.Id, sent.Id, sent.Seq, Stopwatch.GetTimestamp()));
            }
        })).ToList();

        await Eventually(() => acknowledged.Count >= 400);
        // Two workers reach the same period at once; one takes the backup.
        var (first, second) = (world.Worker(redis.Connection), world.Worker(redis.Connection));
        var period = DateTimeOffset.UtcNow;
        var backupStarted = Stopwatch.GetTimestamp();
        var sentBefore = acknowledged.Count;
        var outcomes = await Task.WhenAll(first.Runner.RunAsync(period, TestTimeout()), second.Runner.RunAsync(period, TestTimeout()));
        var backupTook = Stopwatch.GetElapsedTime(backupStarted);
        var sentDuring = acknowledged.Count - sentBefore;
        await Eventually(() => acknowledged.Count >= sentBefore + sentDuring + 400);
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        output.WriteLine($"backup took {backupTook.TotalMilliseconds:F0} ms; {sentDuring} sends were acknowledged while it ran, {acknowledged.Count} in all");

        Assert.Contains(BackupRunner.Outcome.Taken, outcomes);
        Assert.Single(outcomes, BackupRunner.Outcome.Taken);
        Assert.Contains(outcomes.Single(o => o != BackupRunner.Outcome.Taken), new[] { BackupRunner.Outcome.HeldElsewhere, BackupRunner.Outcome.AlreadyTaken });
        var backup = Assert.Single(BackupRetention.Complete(world.BackupsFolder));
        Assert.Equal([backup], Directory.GetDirectories(world.BackupsFolder));
        var taker = outcomes[0] == BackupRunner.Outcome.Taken ? first : second;
        Assert.InRange(BackupWorld.LastSuccess(taker.Meters)!.Value, DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(Path.Combine(backup, BackupManifest.FileName)))!;
        Assert.Equal(new[] { pictured.Sha256, thumbnail.Sha256, attachable[0].Sha256, attachable[1].Sha256 }.Order(StringComparer.Ordinal), manifest.Files.Select(f => f.Sha256));
        Assert.Empty(manifest.MissingFiles);

        // Restore needs the index gone from Redis to show it put it back.
        await redis.Connection.GetDatabase().KeyDeleteAsync(CompletedFiles.Key(unsent));
        var restored = Path.Combine(_folder, "restored");
        var restore = await RestoreProcess.RunAsync(backup, restored, "--redis", $"127.0.0.1:{redis.Port}");
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Error);
        output.WriteLine(restore.Output);

        var (store, files, schemaVersion) = await BackupWorld.OpenRestoredAsync(restored, TestTimeout());
        Assert.Equal((SqliteSchema.CurrentVersion, SqliteSchema.CurrentVersion), (manifest.SchemaVersion, schemaVersion));
        var before = acknowledged.Where(a => a.At < backupStarted).ToList();
        foreach (var channel in channels)
        {
            var messages = await store.GetMessagesAfterAsync(channel.Id, 0, 100_000, TestTimeout());
            var lastSeq = manifest.LastSeqs[channel.Id];
            Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(s => (long)s), messages.Select(m => m.Seq));
            var expected = acknowledged.Where(a => a.ConversationId == channel.Id && a.Seq <= lastSeq).Select(a => (a.Id, a.Seq)).ToList();
            Assert.Subset(messages.Select(m => (m.Id, m.Seq)).ToHashSet(), expected.ToHashSet());
            Assert.Subset(messages.Select(m => m.Id).ToHashSet(), before.Where(a => a.ConversationId == channel.Id).Select(a => a.Id).ToHashSet());
            foreach (var attachment in messages.SelectMany(m => m.Attachments))
            {
                await AssertHoldsAsync(files, attachment.Sha256);
                if (attachment.Preview.IsReady)
                {
                    await AssertHoldsAsync(files, attachment.Preview.ThumbnailSha256!);
                }
            }
        }

        Assert.Equal(manifest.Messages, (await Task.WhenAll(channels.Select(c => store.GetMessagesAfterAsync(c.Id, 0, 100_000, TestTimeout())))).Sum(m => m.Count));
        Assert.Equal("ana", (await new CompletedFiles(redis.Connection).FindAsync(unsent))?.OwnerId);
    }

    [SkippableFact]
    public async Task RestoreRefusesANonEmptyFolderABackupFailingItsIntegrityCheckAndADamagedFileAndLeavesNoPartialRestore()
    {
        RequiredTools.SkipOrFailIfMissing(RedisServerFixture.MissingReason);
        var world = await BackupWorld.OpenAsync(_folder, TestTimeout());
        var channel = await world.Store.CreateChannelAsync(new NewChannel("ana", "refusals", null, ChannelVisibility.Public, []), TestTimeout());
        var file = await world.PutFileAsync(5_000, TestTimeout());
        for (var i = 0; i < 200; i++)
        {
            await world.Store.SendMessageAsync(new NewMessage(channel.Id, "ana", new string('x', 500), null, [], $"m{i}") { Attachments = [file] }, TestTimeout());
        }

        Assert.Equal(BackupRunner.Outcome.Taken, await world.Worker(redis.Connection).Runner.RunAsync(DateTimeOffset.UtcNow, TestTimeout()));
        var backup = Assert.Single(BackupRetention.Complete(world.BackupsFolder));

        var occupied = Directory.CreateDirectory(Path.Combine(_folder, "occupied")).FullName;
        await File.WriteAllTextAsync(Path.Combine(occupied, "keep.txt"), "live data");
        var refused = await RestoreProcess.RunAsync(backup, occupied);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not empty", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(occupied).Select(Path.GetFileName));

        var truncated = CopyOf(backup, "truncated");
        var database = Path.Combine(truncated, BackupManifest.StoreFileName);
        await using (var stream = new FileStream(database, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        await AssertRefusedAsync(truncated, "integrity");

        var damaged = CopyOf(backup, "damaged");
        var copy = Directory.EnumerateFiles(Path.Combine(damaged, BackupManifest.FilesFolder), file.Sha256, SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(copy);
        bytes[100] ^= 0xff;
        await File.WriteAllBytesAsync(copy, bytes);
        await AssertRefusedAsync(damaged, "damaged");
    }

    [Fact]
    public void RetentionKeepsTheNewestCompleteBackupsAndDropsOnlyAbandonedTemporaryFolders()
    {
        var now = DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var names = Enumerable.Range(0, 5).Select(h => BackupRetention.NameFor(now.AddHours(-h))).ToList();
        names.ForEach(name => Directory.CreateDirectory(Path.Combine(_folder, name)));
        var abandoned = Directory.CreateDirectory(Path.Combine(_folder, BackupWriter.IncompletePrefix + "old"));
        abandoned.LastWriteTimeUtc = now.AddHours(-3).UtcDateTime;
        var writing = Directory.CreateDirectory(Path.Combine(_folder, BackupWriter.IncompletePrefix + "now"));
        writing.LastWriteTimeUtc = now.AddMinutes(-5).UtcDateTime;

        var pruned = BackupRetention.Prune(_folder, keep: 3, abandonedAfter: TimeSpan.FromHours(2), now);

        Assert.Equal(names.Skip(3).Append(abandoned.FullName[(_folder.Length + 1)..]).Order(), pruned.Select(Path.GetFileName).Order()!);
        Assert.Equal(names.Take(3), BackupRetention.Complete(_folder).Select(Path.GetFileName));
        Assert.True(writing.Exists);
    }

    private async Task AssertRefusedAsync(string backup, string reason)
    {
        var target = Path.Combine(_folder, $"target-{Path.GetFileName(backup)}");
        using var error = new StringWriter();
        Assert.Equal(1, await RestoreCommand.RunAsync([backup, target], TextWriter.Null, error));
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(target), $"a refused restore left {target}");
    }

    private string CopyOf(string backup, string name)
    {
        var copy = Path.Combine(_folder, "copies", name);
        foreach (var file in Directory.EnumerateFiles(backup, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(backup, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static async Task AssertHoldsAsync(FilesystemFileStore files, string sha256)
    {
        await using var content = await files.OpenReadAsync(sha256, 0, null, TestTimeout());
        Assert.True(content is not null, $"the restored files lack {sha256}");
        Assert.Equal(sha256, await ContentHash.OfAsync(content, TestTimeout()));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var timeout = TestTimeout();
        while (!condition())
        {
            await Task.Delay(10, timeout);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
