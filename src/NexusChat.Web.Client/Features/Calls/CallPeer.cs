namespace NexusChat.Web.Client.Features.Calls;

/// <summary>Another participant of the call on this device's screen: what the hub says (media) and what the browser measured.</summary>
/// <param name="State">The peer connection's <c>connectionState</c> ("new" until the browser reports one).</param>
/// <param name="Relayed">Whether the connected path goes through a TURN relay; null until connected.</param>
public sealed record CallPeer(string UserId, bool Muted, bool CameraOn, string State, ConnectionQuality Quality, bool? Relayed, bool Failed)
{
    public static CallPeer Joined(string userId, bool muted, bool cameraOn) => new(userId, muted, cameraOn, "new", ConnectionQuality.Unmeasured, null, false);
}

/// <summary>Where this device is with its own call.</summary>
public enum CallPhase
{
    None,

    /// <summary>Opening the microphone and camera, then starting or answering.</summary>
    Starting,

    /// <summary>Started by me; nobody has answered yet.</summary>
    Calling,

    /// <summary>Answered: at least two people are in it.</summary>
    InCall,
}
