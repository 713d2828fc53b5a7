using NexusChat.Web.Client.Features.Navigation;

namespace NexusChat.Tests.WebClient;

/// <summary>The quick switcher's ranking and highlight, without a browser.</summary>
public sealed class QuickSwitcherTests
{
    private static SwitcherItem Conversation(string id, string label) => new(SwitcherKind.Conversation, id, label);

    private static SwitcherItem Person(string id, string name, string username) => new(SwitcherKind.Person, id, name, username);

    private static QuickSwitcher With(IReadOnlyList<SwitcherItem> conversations, IEnumerable<SwitcherItem>? people = null, params string[] partners)
    {
        var switcher = new QuickSwitcher();
        switcher.SetCandidates(conversations, people ?? [], partners.ToHashSet());
        return switcher;
    }

    [Fact]
    public void PrefixMatchesComeFirstThenUsernamesThenLaterWordsThenAnywhere()
    {
        var switcher = With(
            [Conversation("c1", "design-review"), Conversation("c2", "Product design"), Conversation("c3", "Design"), Conversation("c4", "redesign")],
            [Person("u1", "Bob Stone", "designer"), Person("u2", "Desiree Ng", "dng")]);

        switcher.Search("des");

        Assert.Equal(["Design", "design-review", "Desiree Ng", "Bob Stone", "Product design", "redesign"], switcher.Results.Select(r => r.Label));
    }

    [Fact]
    public void MatchingIgnoresCaseAndALeadingHashOrAt()
    {
        var switcher = With([Conversation("c1", "General")], [Person("u1", "Ana Lima", "ana")]);

        switcher.Search("#GEN");
        Assert.Equal("c1", Assert.Single(switcher.Results).Id);
        switcher.Search("@An");
        Assert.Equal("u1", Assert.Single(switcher.Results).Id);
    }

    [Fact]
    public void WithNothingTypedTheConversationsShowInTheSidebarsOrderAndNoPeople()
    {
        var switcher = With([Conversation("c2", "zeta"), Conversation("c1", "alpha")], [Person("u1", "Ana", "ana")]);

        Assert.Equal(["c2", "c1"], switcher.Results.Select(r => r.Id));
    }

    [Fact]
    public void APersonWithADirectConversationIsFoundAsThatConversationOnly()
    {
        var switcher = With([Conversation("dm1", "Ana Lima")], [Person("u1", "Ana Lima", "ana"), Person("u2", "Anatole", "anatole")], "u1");

        switcher.Search("ana");

        Assert.Equal([(SwitcherKind.Conversation, "dm1"), (SwitcherKind.Person, "u2")], switcher.Results.Select(r => (r.Kind, r.Id)));
    }

    [Fact]
    public void ArrowsMoveTheHighlightAndWrapAndTypingResetsIt()
    {
        var switcher = With([Conversation("c1", "one"), Conversation("c2", "two"), Conversation("c3", "three")]);

        switcher.Move(1);
        Assert.Equal("c2", switcher.Selected?.Id);
        switcher.Move(-1);
        switcher.Move(-1);
        Assert.Equal("c3", switcher.Selected?.Id);
        switcher.Move(1);
        Assert.Equal("c1", switcher.Selected?.Id);

        switcher.Move(1);
        switcher.Search("t");
        Assert.Equal("c2", switcher.Selected?.Id);
    }

    [Fact]
    public void PeopleArrivingLaterKeepTheHighlightOnTheSameItem()
    {
        var conversations = new[] { Conversation("c1", "ana-team"), Conversation("c2", "analytics") };
        var switcher = With(conversations);
        switcher.Search("ana");
        switcher.Move(1);

        switcher.SetCandidates(conversations, [Person("u1", "Ana", "ana")], new HashSet<string>());

        Assert.Equal("c2", switcher.Selected?.Id);
        Assert.Equal(3, switcher.Results.Count);
    }

    [Fact]
    public void NothingMatchingLeavesNoSelection()
    {
        var switcher = With([Conversation("c1", "general")]);

        switcher.Search("zzz");

        Assert.Empty(switcher.Results);
        Assert.Null(switcher.Selected);
        switcher.Move(1);
    }
}
