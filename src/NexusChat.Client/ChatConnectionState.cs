namespace NexusChat.Client;

public enum ChatConnectionState
{
    /// <summary>Not started, stopped, or the session was revoked.</summary>
    Disconnected,

    /// <summary>First connection attempt in progress.</summary>
    Connecting,

    /// <summary>Connected and caught up.</summary>
    Connected,

    /// <summary>The connection dropped; retrying with back-off, messages will be resynced on return.</summary>
    Reconnecting,
}
