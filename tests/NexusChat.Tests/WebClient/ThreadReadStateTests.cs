using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.Threads;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>Unread thread replies: threads I take part in whose last reply is later than what I saw, remembered per user.</summary>
public sealed class ThreadReadStateTests
{
    private readonly Dictionary<string, string> _storage = [];

    private ThreadReadState NewState() => new(key => Task.FromResult(_storage.GetValueOrDefault(key)), (key, value) =>
    {
        _storage[key] = value;
        return Task.CompletedTask;
    });

    private static TimelineMessage Root(string sender, DateTimeOffset lastReply, params string[] participants) =>
        TimelineMessage.From(Stored(1, sender: sender) with { Thread = new ThreadSummaryDto(2, lastReply, participants, participants.Length) });

    [Fact]
    public async Task AThreadIsUnreadForItsAuthorAndParticipantsUntilSeenAndForNobodyElse()
    {
        var state = NewState();
        await state.LoadAsync("ana");

        Assert.True(state.IsUnread(Root("ana", Now, "bo"), "ana"));
        Assert.True(state.IsUnread(Root("bo", Now, "cy", "ana"), "ana"));
        Assert.False(state.IsUnread(Root("bo", Now, "cy"), "ana"));
        Assert.False(state.IsUnread(TimelineMessage.From(Stored(1, sender: "ana")), "ana"));

        await state.MarkSeenAsync("m1", Now);
        Assert.False(state.IsUnread(Root("ana", Now, "bo"), "ana"));
        Assert.True(state.IsUnread(Root("ana", Now.AddMinutes(1), "bo"), "ana"));
    }

    [Fact]
    public async Task AThreadOpenedOnceCountsAsMineAndWhatWasSeenSurvivesAReload()
    {
        var first = NewState();
        await first.LoadAsync("ana");
        await first.MarkSeenAsync("m1", Now);

        var reloaded = NewState();
        await reloaded.LoadAsync("ana");
        var other = NewState();
        await other.LoadAsync("bo");

        Assert.False(reloaded.IsUnread(Root("cy", Now, "dee"), "ana"));
        Assert.True(reloaded.IsUnread(Root("cy", Now.AddSeconds(1), "dee"), "ana"));
        Assert.False(other.IsUnread(Root("cy", Now.AddSeconds(1), "dee"), "bo"));
    }
}
