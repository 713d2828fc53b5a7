using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Tests.Hostile;

/// <summary>What a hub method's argument is, which decides its valid, foreign and hostile values.</summary>
public enum HubArgument
{
    Conversation, Message, ClientMessageId, Text, Emoji, ReplyTo, ThreadRoot, Position, Status, UserIds, FileIds,
    Call, CallKind, Invitees, Flag, CallConnection, SignalType, Payload,
}

/// <summary>A call the target user started from the fuzzing connection, for the methods that take a call id.</summary>
public sealed record HubFuzzCall(string CallId, string ConnectionId);

/// <param name="Allowed">How the call may end; <see cref="HubCallEnd.Broken"/> never is.</param>
public sealed record HubFuzzCase(string Name, object?[] Arguments, HubCallEnd[] Allowed);

/// <summary>
/// Every hub method of <see cref="IChatHub"/> with its arguments, and the hostile calls made of them: nulls, wrong
/// types and counts, huge and control-character strings, extreme numbers, and the ids of another user's objects.
/// </summary>
public static class HubFuzzCases
{
    public static readonly (string Method, Type Returns, HubArgument[] Arguments)[] Methods =
    [
        ("SendMessage", typeof(MessageDto), [HubArgument.Conversation, HubArgument.ClientMessageId, HubArgument.Text, HubArgument.ReplyTo]),
        ("SendMessageWithAttachments", typeof(MessageDto),
            [HubArgument.Conversation, HubArgument.ClientMessageId, HubArgument.Text, HubArgument.ReplyTo, HubArgument.FileIds]),
        ("SendThreadReply", typeof(MessageDto),
            [HubArgument.Conversation, HubArgument.ClientMessageId, HubArgument.Text, HubArgument.ThreadRoot, HubArgument.Flag, HubArgument.FileIds]),
        ("Sync", typeof(SyncResult), [HubArgument.Conversation, HubArgument.Position]),
        ("SyncChanges", typeof(SyncResult), [HubArgument.Conversation, HubArgument.Position]),
        ("EditMessage", typeof(MessageDto), [HubArgument.Conversation, HubArgument.Message, HubArgument.Text]),
        ("AddReaction", typeof(MessageDto), [HubArgument.Conversation, HubArgument.Message, HubArgument.Emoji]),
        ("RemoveReaction", typeof(MessageDto), [HubArgument.Conversation, HubArgument.Message, HubArgument.Emoji]),
        ("MarkRead", typeof(ReadStateDto), [HubArgument.Conversation, HubArgument.Position]),
        ("Typing", typeof(object), [HubArgument.Conversation]),
        ("SetPresence", typeof(PresenceDto), [HubArgument.Status]),
        ("GetPresence", typeof(IReadOnlyList<PresenceDto>), [HubArgument.UserIds]),
        ("StartCall", typeof(CallDto), [HubArgument.Conversation, HubArgument.CallKind, HubArgument.Invitees]),
        ("GetCall", typeof(CallDto), [HubArgument.Conversation]),
        ("JoinCall", typeof(CallDto), [HubArgument.Call]),
        ("SetCallMedia", typeof(CallDto), [HubArgument.Call, HubArgument.Flag, HubArgument.Flag]),
        ("DeclineCall", typeof(object), [HubArgument.Call]),
        ("SendCallSignal", typeof(object), [HubArgument.Call, HubArgument.CallConnection, HubArgument.SignalType, HubArgument.Payload]),
        ("LeaveCall", typeof(object), [HubArgument.Call]),
        // Last: it leaves the target message a tombstone.
        ("DeleteMessage", typeof(MessageDto), [HubArgument.Conversation, HubArgument.Message]),
    ];

    /// <summary>Long enough to break every length rule, short enough to fit in one 32 KB frame.</summary>
    private const int Huge = 8_000;

    private static readonly HubCallEnd[] TypedOrRefused = [HubCallEnd.Typed, HubCallEnd.Refused];
    private static readonly HubCallEnd[] Answered = [HubCallEnd.Typed, HubCallEnd.Returned];

    /// <summary>
    /// Methods whose valid call cannot return: a signal needs a second participant to go to, and alone in the call the
    /// nearest a caller gets is the typed "no such participant connection" for its own.
    /// </summary>
    private static readonly HashSet<string> AloneInTheCall = ["SendCallSignal"];

    public static IEnumerable<HubFuzzCase> For(
        string method, HubArgument[] arguments, HostileTarget mine, HostileTarget other, HubFuzzCall? call = null)
    {
        object?[] With(Func<HubArgument, object?> value) => [.. arguments.Select(value)];
        object? Valid(HubArgument argument) => argument switch
        {
            HubArgument.Conversation => mine.Channel.Id,
            HubArgument.Message or HubArgument.ThreadRoot => mine.Message.Id,
            HubArgument.Flag => false,
            HubArgument.ClientMessageId => Guid.NewGuid().ToString("N"),
            HubArgument.Text => "hello",
            HubArgument.Emoji => "\U0001F44D",
            HubArgument.ReplyTo => null,
            HubArgument.Position => 0L,
            HubArgument.Status => PresenceStatus.Away,
            HubArgument.FileIds => Array.Empty<string>(),
            HubArgument.Call => call?.CallId,
            HubArgument.CallKind => CallKinds.Audio,
            HubArgument.Invitees => null,
            HubArgument.CallConnection => call?.ConnectionId,
            HubArgument.SignalType => CallSignalTypes.Candidate,
            HubArgument.Payload => "{}",
            _ => new[] { mine.Session.User.Id },
        };
        object? Hostile(HubArgument argument, string text) => argument switch
        {
            HubArgument.Position or HubArgument.Flag => Valid(argument),
            HubArgument.UserIds or HubArgument.FileIds or HubArgument.Invitees => new[] { text },
            _ => text,
        };

        yield return new("no arguments", [], TypedOrRefused);
        yield return new("one argument too many", [.. With(Valid), "extra"], TypedOrRefused);
        yield return new("every argument null", With(_ => null), TypedOrRefused);
        // One argument at a time, the others valid, so each argument's own check is reached.
        for (var i = 0; i < arguments.Length; i++)
        {
            var position = i;
            var name = $"{arguments[i]} as";
            object?[] Replaced(object? value) => [.. arguments.Select((a, j) => j == position ? value : Valid(a))];
            // Optional arguments: no reply, no attachments.
            yield return new($"{name} null", Replaced(null),
                arguments[i] is HubArgument.ReplyTo or HubArgument.FileIds or HubArgument.Invitees ? Answered : TypedOrRefused);
            yield return new($"{name} a number or a string", Replaced(arguments[i] is HubArgument.Position or HubArgument.Flag ? "abc" : 42), TypedOrRefused);
            yield return new($"{name} an object", Replaced(new Dictionary<string, int> { ["$type"] = 1 }), TypedOrRefused);
            yield return new($"{name} an array", Replaced(new[] { 1, 2 }), TypedOrRefused);
            if (arguments[i] is not (HubArgument.Position or HubArgument.Flag))
            {
                yield return new($"{name} a huge string", Replaced(Hostile(arguments[i], new string('x', Huge))), Answered);
                yield return new($"{name} control characters and a lone surrogate", Replaced(Hostile(arguments[i], "\0\u001b[31m\uD800\u202E")), Answered);
                yield return new($"{name} an empty string", Replaced(Hostile(arguments[i], "")), Answered);
            }
        }

        if (arguments.Contains(HubArgument.Position))
        {
            yield return new("negative position", With(a => a is HubArgument.Position ? -1L : Valid(a)), [HubCallEnd.Typed]);
            yield return new("largest position", With(a => a is HubArgument.Position ? long.MaxValue : Valid(a)), Answered);
        }

        if (arguments.Contains(HubArgument.UserIds))
        {
            yield return new("too many users", [Enumerable.Range(0, ChatHubLimits.MaxPresenceQuery + 1).Select(i => $"u{i}").ToArray()], [HubCallEnd.Typed]);
        }

        if (arguments.Contains(HubArgument.Conversation))
        {
            // Another user's private channel and message: the caller learns nothing, not even that they exist.
            yield return new("another user's conversation", With(a => a switch
            {
                HubArgument.Conversation => other.Channel.Id,
                HubArgument.Message => other.Message.Id,
                _ => Valid(a),
            }), [HubCallEnd.Typed]);
        }

        if (arguments.Any(a => a is HubArgument.Message or HubArgument.ReplyTo or HubArgument.ThreadRoot))
        {
            yield return new("another conversation's message",
                With(a => a is HubArgument.Message or HubArgument.ReplyTo or HubArgument.ThreadRoot ? other.Message.Id : Valid(a)), [HubCallEnd.Typed]);
        }

        yield return new("a valid call", With(Valid), AloneInTheCall.Contains(method) ? [HubCallEnd.Typed] : [HubCallEnd.Returned]);
    }
}
