using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Files;
using NexusChat.Worker.Backups;
using StackExchange.Redis;

namespace NexusChat.Tests.Backups;

/// <summary>
/// A data directory laid out as the AppHost lays it out (<c>nexuschat.db</c>, <c>files/completed</c>) with a real
/// embedded store and file store, and the worker's backup parts built on it as each worker process builds them.
/// </summary>
internal sealed class BackupWorld
{
    private BackupWorld(string root, SqliteConnectionFactory connections, SqliteConversationStore store, FilesystemFileStore files)
    {
        Root = root;
        Connections = connections;
        Store = store;
        Files = files;
    }

    public string Root { get; }
    public string BackupsFolder => Path.Combine(Root, "backups");
    public SqliteConnectionFactory Connections { get; }
    public SqliteConversationStore Store { get; }
    public FilesystemFileStore Files { get; }

    public static async Task<BackupWorld> OpenAsync(string root, CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, "data");
        var connections = new SqliteConnectionFactory(Path.Combine(data, "nexuschat.db"));
        await new SqliteStoreLifecycle(connections).InitializeAsync(cancellationToken);
        return new BackupWorld(root, connections, new SqliteConversationStore(connections), new FilesystemFileStore(Path.Combine(data, "files", "completed")));
    }

    /// <summary>
    /// Opens a restored data directory the way a starting service opens its own (the store initializer runs the
    /// lifecycle: WAL on, migrations to the current schema), and the schema version it is at then.
    /// </summary>
    public static async Task<(SqliteConversationStore Store, FilesystemFileStore Files, int SchemaVersion)> OpenRestoredAsync(
        string dataDirectory, CancellationToken cancellationToken)
    {
        var connections = new SqliteConnectionFactory(Path.Combine(dataDirectory, "nexuschat.db"));
        var lifecycle = new SqliteStoreLifecycle(connections);
        await lifecycle.InitializeAsync(cancellationToken);
        return (new SqliteConversationStore(connections), new FilesystemFileStore(Path.Combine(dataDirectory, "files", "completed")),
            await lifecycle.GetSchemaVersionAsync(cancellationToken));
    }

    /// <summary>One worker's backup parts (its own lease token and metrics), as in a worker process.</summary>
    public (BackupRunner Runner, IMeterFactory Meters) Worker(IConnectionMultiplexer redis, int keep = 5)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var options = Options.Create(new BackupOptions { Interval = TimeSpan.FromHours(1), Keep = keep });
        var runner = new BackupRunner(
            new BackupWriter(Connections, Files, redis, TimeProvider.System), new BackupLease(redis), new BackupMetrics(meters),
            options, new BackupFolder(BackupsFolder), TimeProvider.System, NullLogger<BackupRunner>.Instance);
        return (runner, meters);
    }

    public async Task<AttachmentRecord> PutFileAsync(int size, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(RandomNumberGenerator.GetBytes(size));
        var stored = await Files.PutAsync(content, cancellationToken);
        return new AttachmentRecord(Guid.NewGuid().ToString("N"), $"file-{stored.Sha256[..8]}.bin", "application/octet-stream", stored.Size, stored.Sha256);
    }

    /// <summary>The last-success gauge of the worker whose meters are <paramref name="meters"/> (null: not published).</summary>
    public static long? LastSuccess(IMeterFactory meters)
    {
        long? observed = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "nexuschat.backup.last_success_unixtime" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
