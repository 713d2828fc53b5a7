namespace NexusChat.Web.Client.Features.Navigation;

/// <summary>
/// The quick switcher's state: what it may open (conversations in the sidebar's order, then people), the text typed,
/// the ranked matches and the highlighted one. Ranking, best first: the label starts with the text, then the detail
/// (username) does, then a later word of the label does, then the label contains it; within a rank conversations
/// before people, then shorter labels (the closer match), then alphabetical. With nothing typed it shows the
/// conversations as the sidebar orders them (most recent first).
/// </summary>
public sealed class QuickSwitcher
{
    public const int MaxResults = 8;

    private IReadOnlyList<SwitcherItem> _conversations = [];
    private IReadOnlyList<SwitcherItem> _people = [];

    public string Query { get; private set; } = string.Empty;

    public IReadOnlyList<SwitcherItem> Results { get; private set; } = [];

    /// <summary>Index into <see cref="Results"/>; 0 when there are none.</summary>
    public int Highlighted { get; private set; }

    public SwitcherItem? Selected => Highlighted < Results.Count ? Results[Highlighted] : null;

    /// <summary>
    /// What can be opened (again, when more people were found): the highlighted item stays highlighted if it is still
    /// listed, so results arriving while one arrows through them do not move the choice. A person who already has a direct conversation in <paramref name="conversations"/> (by
    /// <paramref name="directPartners"/>: user id → conversation id) is left out: the conversation stands for them.
    /// </summary>
    public void SetCandidates(
        IReadOnlyList<SwitcherItem> conversations, IEnumerable<SwitcherItem> people, IReadOnlySet<string> directPartners)
    {
        _conversations = conversations;
        _people = people.Where(p => !directPartners.Contains(p.Id)).DistinctBy(p => p.Id).ToList();
        var highlighted = Selected?.Key;
        Rank();
        Highlighted = Math.Max(0, Results.ToList().FindIndex(item => item.Key == highlighted));
    }

    public void Search(string query)
    {
        Query = query;
        Rank();
    }

    /// <summary>Moves the highlight by <paramref name="step"/> (±1), wrapping at either end.</summary>
    public void Move(int step)
    {
        if (Results.Count > 0)
        {
            Highlighted = ((Highlighted + step) % Results.Count + Results.Count) % Results.Count;
        }
    }

    /// <summary>The rank of <paramref name="item"/> for <paramref name="text"/> (lower is better); null when it does not match.</summary>
    public static int? Rank(SwitcherItem item, string text)
    {
        const StringComparison Fold = StringComparison.OrdinalIgnoreCase;
        if (item.Label.StartsWith(text, Fold))
        {
            return 0;
        }

        if (item.Detail?.StartsWith(text, Fold) == true)
        {
            return 1;
        }

        if (item.Label.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Any(word => word.StartsWith(text, Fold)))
        {
            return 2;
        }

        return item.Label.Contains(text, Fold) ? 3 : null;
    }

    private void Rank()
    {
        var text = Query.Trim().TrimStart('#', '@');
        Results = text.Length == 0
            ? _conversations.Take(MaxResults).ToList()
            : _conversations.Concat(_people)
                .Select(item => (Item: item, Rank: Rank(item, text)))
                .Where(r => r.Rank is not null)
                .OrderBy(r => r.Rank)
                .ThenBy(r => r.Item.Kind)
                .ThenBy(r => r.Item.Label.Length)
                .ThenBy(r => r.Item.Label, StringComparer.OrdinalIgnoreCase)
                .Select(r => r.Item)
                .DistinctBy(item => item.Key)
                .Take(MaxResults)
                .ToList();
        Highlighted = 0;
    }
}
