using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Hostile;

/// <summary>
/// Every hub method fed hostile arguments over both wire protocols: each call ends with a typed <see cref="HubError"/>,
/// SignalR's refusal of arguments it cannot bind, or a value; never an exception inside the hub, and the connection
/// serves on. An oversized frame closes its own connection and nothing else.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HostileHubTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryHubMethodAnswersHostileArgumentsWithATypedErrorOrARefusal(bool messagePack)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var other = await HostileTarget.CreateAsync(fixture, "api-1");
        var failures = new List<string>();
        var calls = 0;
        foreach (var (method, returns, arguments) in HubFuzzCases.Methods)
        {
            // A user and connection per method keep every call under the per-connection limit.
            var mine = await HostileTarget.CreateAsync(fixture, "api-2");
            await using var connection = await HubCall.ConnectAsync(fixture, mine.Session, messagePack, timeout.Token);
            // The call methods need a call of the target user's, started from this connection (its seat).
            HubFuzzCall? call = null;
            if (arguments.Contains(HubArgument.Call))
            {
                var started = await connection.InvokeAsync<CallDto>("StartCall", mine.Channel.Id, CallKinds.Audio, null, timeout.Token);
                call = new HubFuzzCall(started.Id, started.Participants.Single().ConnectionId);
            }

            foreach (var fuzz in HubFuzzCases.For(method, arguments, mine, other, call))
            {
                var (end, detail) = await HubCall.InvokeAsync(connection, method, returns, fuzz.Arguments, timeout.Token);
                calls++;
                output.WriteLine($"{method} with {fuzz.Name}: {end} {detail[..Math.Min(detail.Length, 160)]}");
                if (!fuzz.Allowed.Contains(end))
                {
                    failures.Add($"{method} with {fuzz.Name}: {end} ({detail[..Math.Min(detail.Length, 200)]}), expected {string.Join(" or ", fuzz.Allowed)}");
                }
            }

            // The connection outlived every bad call.
            Assert.Equal(HubConnectionState.Connected, connection.State);
            var presence = await connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", new[] { mine.Session.User.Id, other.Session.User.Id }, timeout.Token);
            Assert.Equal([mine.Session.User.Id], presence.Select(p => p.UserId));
        }

        output.WriteLine($"{calls} calls");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnOversizedFrameClosesItsOwnConnectionAndNothingElse(bool messagePack)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var mine = await HostileTarget.CreateAsync(fixture, "api-2");
        await using var bystander = await HubCall.ConnectAsync(fixture, mine.Session, messagePack, timeout.Token);
        await using var attacker = await HubCall.ConnectAsync(fixture, mine.Session, messagePack, timeout.Token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        attacker.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };

        // Past SignalR's 32 KB receive limit: the server drops the connection rather than buffer the frame.
        var (end, detail) = await HubCall.InvokeAsync(attacker, "SendMessage", typeof(MessageDto),
            [mine.Channel.Id, "oversized", new string('x', 256 * 1024), null], timeout.Token);
        await closed.Task.WaitAsync(timeout.Token);

        Assert.True(end == HubCallEnd.Broken, $"{end}: {detail}");
        Assert.Equal(HubConnectionState.Disconnected, attacker.State);
        var sent = await bystander.InvokeAsync<MessageDto>("SendMessage", mine.Channel.Id, "after-oversized", "still here", null, timeout.Token);
        Assert.Equal("still here", sent.Text);
        await using var again = await HubCall.ConnectAsync(fixture, mine.Session, messagePack, timeout.Token);
        var synced = await again.InvokeAsync<SyncResult>("Sync", mine.Channel.Id, 0L, timeout.Token);
        Assert.DoesNotContain(synced.Messages, m => m.ClientMessageId == "oversized");
    }
}
