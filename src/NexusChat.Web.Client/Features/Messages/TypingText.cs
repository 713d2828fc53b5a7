namespace NexusChat.Web.Client.Features.Messages;

/// <summary>The typing indicator's sentence for the names of those typing.</summary>
public static class TypingText
{
    public static string? For(IReadOnlyList<string> names) => names.Count switch
    {
        0 => null,
        1 => $"{names[0]} is typing…",
        2 => $"{names[0]} and {names[1]} are typing…",
        _ => "Several people are typing…",
    };
}
