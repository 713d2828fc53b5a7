using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using NexusChat.Realtime.Presence;
using NexusChat.Realtime.Telemetry;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;

namespace NexusChat.Tests.Realtime;

/// <summary>What one presence call costs the store: it was a member list read per conversation of the user.</summary>
public sealed class PresenceContactsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-presence-").FullName;

    [Fact]
    public async Task AUserInThirtyConversationsCostsOneStoreReadPerPresenceCall()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, "store.db"));
        await new SqliteStoreLifecycle(connections).InitializeAsync(timeout.Token);
        var store = new SqliteConversationStore(connections);
        for (var i = 0; i < 30; i++)
        {
            await store.CreateChannelAsync(new NewChannel("ana", $"team-{i}", null, ChannelVisibility.Private, [$"user-{i}", "bob"]), timeout.Token);
        }

        var counted = CountingStore.Wrap(store, out var calls);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        // ContactsAsync reads the store only; the hub context is for announcements, which this test does not make.
        var notifier = new PresenceNotifier(counted, null!, new RealtimeMetrics(services.GetRequiredService<IMeterFactory>()));

        var contacts = await notifier.ContactsAsync("ana", timeout.Token);

        Assert.Equal(31, contacts.Count);
        Assert.Equal(1, calls.Value);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Forwards every store call and counts it.</summary>
    public class CountingStore : DispatchProxy
    {
        private IConversationStore _inner = null!;
        private StrongBox<int> _calls = null!;

        public static IConversationStore Wrap(IConversationStore inner, out StrongBox<int> calls)
        {
            var proxy = Create<IConversationStore, CountingStore>();
            var counting = (CountingStore)(object)proxy;
            counting._inner = inner;
            counting._calls = calls = new StrongBox<int>(0);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Interlocked.Increment(ref _calls.Value);
            return targetMethod!.Invoke(_inner, args);
        }
    }
}
