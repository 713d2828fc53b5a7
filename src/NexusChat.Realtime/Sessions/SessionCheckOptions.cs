namespace NexusChat.Realtime.Sessions;

/// <summary>
/// How often each replica asks Redis whether the sessions of its hub connections still exist (section
/// <c>Sessions</c>). Revocations arrive by pub/sub at once; this catches the ones published while the subscription
/// was down, within one interval.
/// </summary>
public sealed class SessionCheckOptions
{
    public const string Section = "Sessions";

    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
