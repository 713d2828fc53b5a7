using NexusChat.Contracts.Conversations;
using static NexusChat.Tests.WebClient.FakeConversationChannel;

namespace NexusChat.Tests.WebClient;

/// <summary>The member list of an open channel follows <c>MembersChanged</c> pushes; conversation pushes carry none.</summary>
public sealed class ConversationSessionMembersTests
{
    private static MemberDto Member(string id, string role = "member") => new(id, role, 0, Now);

    [Fact]
    public async Task JoinsLeavesAndRoleChangesApplyToTheLoadedListAndARenameKeepsIt()
    {
        var channel = new FakeConversationChannel { Conversation = Channel(lastSeq: 0, myRole: "member") with { Members = [Member("ana"), Member("bo"), Member("cy")] } };
        var session = ConversationSessionTests.Open(channel);
        await session.LoadAsync();

        Assert.True(session.ApplyMembers(new MembersChangedDto("conv", [Member("dee")], [], 4)));
        Assert.True(session.ApplyMembers(new MembersChangedDto("conv", [Member("bo", "admin")], [], 4)));
        Assert.True(session.ApplyMembers(new MembersChangedDto("conv", [], ["cy"], 3)));
        Assert.True(session.Update(Channel(lastSeq: 0, myRole: "member") with { Name = "renamed", Members = null }));

        Assert.Equal("renamed", session.Conversation!.Name);
        Assert.Equal([("ana", "member"), ("bo", "admin"), ("dee", "member")], session.Conversation.Members!.Select(m => (m.UserId, m.Role)));
    }

    [Fact]
    public void AChangeBeforeTheConversationLoadedIsNotApplied()
    {
        var session = ConversationSessionTests.Open(new FakeConversationChannel());

        Assert.False(session.ApplyMembers(new MembersChangedDto("conv", [Member("dee")], [], 2)));
    }
}
