using NexusChat.Contracts.Calls;

namespace NexusChat.Web.Client.Features.Calls;

/// <summary>
/// The calls ringing on this device. A call rings on every device of the invited until one of them answers or declines
/// (the call then lists the user as a participant or in <see cref="CallDto.Declined"/>) or the call ends.
/// </summary>
public sealed class IncomingCalls(string myUserId)
{
    private readonly List<CallDto> _ringing = [];

    public IReadOnlyList<CallDto> Ringing => _ringing;

    /// <summary>A <c>CallRinging</c> push; returns whether it now rings here.</summary>
    public bool Ring(CallDto call) => StillRings(call) && Replace(call);

    /// <summary>A <c>CallUpdated</c> push: stops ringing when this or another of my devices answered or declined.</summary>
    /// <returns>Whether what rings changed.</returns>
    public bool Update(CallDto call)
    {
        var index = _ringing.FindIndex(c => c.Id == call.Id);
        if (index < 0)
        {
            return false;
        }

        if (!StillRings(call))
        {
            _ringing.RemoveAt(index);
            return true;
        }

        _ringing[index] = call;
        return false;
    }

    /// <summary>The call ended, or this device answered or declined it.</summary>
    public bool Stop(string callId) => _ringing.RemoveAll(c => c.Id == callId) > 0;

    public void Clear() => _ringing.Clear();

    private bool StillRings(CallDto call) =>
        call.Invited.Contains(myUserId)
        && !call.Declined.Contains(myUserId)
        && call.Participants.All(p => p.UserId != myUserId);

    private bool Replace(CallDto call)
    {
        Stop(call.Id);
        _ringing.Add(call);
        return true;
    }
}
