using NexusChat.Contracts.Calls;

namespace NexusChat.Web.Client.Features.Calls;

/// <summary>What the browser should do with one peer connection of the mesh.</summary>
/// <param name="Initiate">This side makes the first offer (it joined after the peer); the peer waits for it.</param>
/// <param name="Polite">Who gives way when both offer at once (perfect negotiation): the lower user id.</param>
public sealed record MeshStep(MeshStepKind Kind, string UserId, string ConnectionId, bool Polite = false, bool Initiate = false);

public enum MeshStepKind
{
    /// <summary>Open a peer connection to the participant.</summary>
    Connect,

    /// <summary>The participant's signaling moved to another connection (a reconnect): send there and restart ICE.</summary>
    Retarget,

    /// <summary>The participant left: close its peer connection.</summary>
    Drop,
}

/// <summary>
/// The peers of the call this device is in, by user, and where their signaling goes. Who offers first: the newcomer
/// offers to everyone already in the call (it learns them from its <c>StartCall</c>/<c>JoinCall</c> answer); those
/// open their side when the offer arrives. After that either side may renegotiate.
/// </summary>
public sealed class CallMesh(string myUserId)
{
    private readonly Dictionary<string, string> _targets = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Targets => _targets;

    /// <summary>This device took its seat (again, after a reconnect): connect to those not connected yet.</summary>
    public IReadOnlyList<MeshStep> Seated(CallDto call) => Apply(call, initiateNew: true);

    /// <summary>
    /// A newer state of the call: retarget moved peers, drop those who left. Newcomers are not connected here: their
    /// offer will come (<see cref="Signalled"/>).
    /// </summary>
    public IReadOnlyList<MeshStep> Updated(CallDto call) => Apply(call, initiateNew: false);

    /// <summary>Signaling arrived from a participant: connect to it first when it is new (it offers).</summary>
    public MeshStep? Signalled(string fromUserId, string fromConnectionId)
    {
        if (fromUserId == myUserId || _targets.ContainsKey(fromUserId))
        {
            return null;
        }

        _targets[fromUserId] = fromConnectionId;
        return new MeshStep(MeshStepKind.Connect, fromUserId, fromConnectionId, IsPolite(fromUserId), Initiate: false);
    }

    public void Clear() => _targets.Clear();

    private List<MeshStep> Apply(CallDto call, bool initiateNew)
    {
        var steps = new List<MeshStep>();
        var others = call.Participants.Where(p => p.UserId != myUserId).ToList();
        foreach (var gone in _targets.Keys.Where(id => others.All(p => p.UserId != id)).ToList())
        {
            _targets.Remove(gone);
            steps.Add(new MeshStep(MeshStepKind.Drop, gone, string.Empty));
        }

        foreach (var peer in others)
        {
            if (_targets.TryGetValue(peer.UserId, out var target))
            {
                if (target != peer.ConnectionId)
                {
                    _targets[peer.UserId] = peer.ConnectionId;
                    steps.Add(new MeshStep(MeshStepKind.Retarget, peer.UserId, peer.ConnectionId));
                }
            }
            else if (initiateNew)
            {
                _targets[peer.UserId] = peer.ConnectionId;
                steps.Add(new MeshStep(MeshStepKind.Connect, peer.UserId, peer.ConnectionId, IsPolite(peer.UserId), Initiate: true));
            }
        }

        return steps;
    }

    private bool IsPolite(string peerUserId) => string.CompareOrdinal(myUserId, peerUserId) < 0;
}
