using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.Navigation;
using NexusChat.Web.Client.Features.People;

namespace NexusChat.Tests.WebClient;

/// <summary>The Ctrl+K dialog over the sidebar's conversations and the people search: filter, arrows, Enter, Escape.</summary>
public sealed class QuickSwitcherDialogTests : PeopleContext
{
    private static readonly UserDto Ana = new("u-ana", "ana", "Ana Lima", "");
    private static readonly UserDto Andre = new("u-andre", "andre", "André Silva", "");

    public QuickSwitcherDialogTests()
    {
        Api.Users.AddRange([Ana, Andre]);
        Services.GetRequiredService<UserDirectory>().Remember(Ana);
        var conversations = Services.GetRequiredService<ConversationList>();
        conversations.Upsert(Conversation("c-general", ConversationKinds.Channel, "general", minutes: 3));
        conversations.Upsert(Conversation("c-random", ConversationKinds.Channel, "random", minutes: 2));
        conversations.Upsert(Conversation("c-ana", ConversationKinds.Direct, null, minutes: 1, [new MemberDto(Ana.Id, "member", 0, DateTimeOffset.UnixEpoch)]));
    }

    [Fact]
    public void ItOpensWithTheConversationsInSidebarOrderAsAListboxTheFieldControls()
    {
        var dialog = Render<QuickSwitcherDialog>();

        Assert.Equal(["general", "random", "Ana Lima"], dialog.FindAll("[role=option] .switcher-label").Select(o => o.TextContent));
        var input = dialog.Find("input[role=combobox]");
        Assert.Equal(dialog.Find("[role=listbox]").Id, input.GetAttribute("aria-controls"));
        Assert.Equal(dialog.FindAll("[role=option]")[0].Id, input.GetAttribute("aria-activedescendant"));
        Assert.Equal("true", dialog.FindAll("[role=option]")[0].GetAttribute("aria-selected"));
    }

    [Fact]
    public void TypingFiltersArrowsMoveAndEnterOpensTheConversation()
    {
        var dialog = Render<QuickSwitcherDialog>(p => p.Add(d => d.OnClose, () => { }));
        var input = dialog.Find("input[role=combobox]");

        input.Input("r");
        dialog.WaitForAssertion(() => Assert.Equal(["random", "general"], dialog.FindAll("[role=option] .switcher-label").Select(o => o.TextContent)));
        input.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Equal("true", dialog.FindAll("[role=option]")[1].GetAttribute("aria-selected"));
        input.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        input.KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        input.KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        input.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.EndsWith("/c/c-random", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void APersonWithoutAConversationIsFoundBySearchAndEnterStartsTheDirectMessage()
    {
        var closed = false;
        var dialog = Render<QuickSwitcherDialog>(p => p.Add(d => d.OnClose, () => closed = true));
        var input = dialog.Find("input[role=combobox]");

        input.Input("an");

        // Ana has a direct conversation already, so she is listed once, as it; André comes from the people search; "random" contains "an".
        dialog.WaitForAssertion(() => Assert.Equal(["Ana Lima", "André Silva", "random"], dialog.FindAll("[role=option] .switcher-label").Select(o => o.TextContent)));
        input.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        input.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        dialog.WaitForAssertion(() => Assert.EndsWith("/c/dm-new", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Contains("POST /api/conversations", Api.Requests);
        Assert.True(closed);
    }

    [Fact]
    public void EscapeClosesIt()
    {
        var closed = false;
        var dialog = Render<QuickSwitcherDialog>(p => p.Add(d => d.OnClose, () => closed = true));

        dialog.Find("[role=dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.True(closed);
        Assert.Equal("true", dialog.Find("[role=dialog]").GetAttribute("aria-modal"));
    }

    private static ConversationDto Conversation(string id, string type, string? name, int minutes, IReadOnlyList<MemberDto>? members = null) => new(
        id, type, name, null, type == ConversationKinds.Direct ? null : ConversationKinds.Public, "owner", DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch.AddMinutes(minutes), 0, 0, MemberRoleNames.Member, 0, 0, 0, null, members);
}
