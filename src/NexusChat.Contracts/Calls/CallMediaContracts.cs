namespace NexusChat.Contracts.Calls;

/// <summary>How a participant's media connected, as the browser's selected ICE candidate pair says (<c>ReportCallMedia</c>).</summary>
public static class CallMediaPaths
{
    /// <summary>Through our coturn (a local or remote candidate of type <c>relay</c>).</summary>
    public const string Relayed = "relayed";

    /// <summary>Peer to peer (host, server-reflexive or peer-reflexive candidates on both sides).</summary>
    public const string Direct = "direct";

    public static bool IsKnown(string? path) => path is Relayed or Direct;
}

public static class CallMediaLimits
{
    /// <summary>
    /// The longest media setup a report may carry (click to media flowing, as the client measured): the ring timeout
    /// plus ICE's own timeouts stay well below it, so anything longer is a broken clock or a made-up figure.
    /// </summary>
    public const int MaxSetupMilliseconds = 120_000;
}
