namespace NexusChat.Web.Client.Features.Navigation;

public enum SwitcherKind { Conversation, Person }

/// <summary>Something the quick switcher can open: a conversation by its id, or a person (their direct conversation) by user id.</summary>
/// <param name="Label">What is shown and matched first: a channel's name, the other person's display name.</param>
/// <param name="Detail">Matched too, after the label: a person's username.</param>
public sealed record SwitcherItem(SwitcherKind Kind, string Id, string Label, string? Detail = null)
{
    /// <summary>Unique within the list (a conversation and a user may share an id format).</summary>
    public string Key => $"{Kind}:{Id}";
}
