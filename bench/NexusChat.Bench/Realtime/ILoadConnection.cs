namespace NexusChat.Bench.Realtime;

/// <summary>One simulated device, against NexusChat or the reference hub, so both are driven by the same code.</summary>
public interface ILoadConnection : IAsyncDisposable
{
    /// <summary>Connects and joins the conversation (or group); throws if it cannot.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    Task SendAsync(string text, CancellationToken cancellationToken);

    bool IsConnected { get; }

    /// <summary>How many times the connection dropped after it was established.</summary>
    int Drops { get; }
}
