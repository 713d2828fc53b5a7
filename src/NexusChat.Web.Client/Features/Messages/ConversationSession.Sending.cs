using NexusChat.Client;
using NexusChat.Client.Rest;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>
/// This tab's sends: shown at once, kept in browser storage until acknowledged, tried again while the server cannot
/// be reached, failed (with Retry and Delete) when refused or out of attempts, restored and resent after a reload.
/// </summary>
public sealed partial class ConversationSession
{
    /// <summary>Five attempts over about 15 s: a brief outage or a replica restart is ridden out, a longer one shows Retry.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    private readonly IReadOnlyList<TimeSpan> _retryDelays = retryDelays ?? DefaultRetryDelays;
    private readonly HashSet<string> _delivering = new(StringComparer.Ordinal);

    /// <summary>
    /// A send finished (stored, or failed) with no caller waiting on it, as those restored after a reload or resent
    /// on reconnect do: the view renders again.
    /// </summary>
    public event Action? SendSettled;

    /// <summary>Shows the message at once as pending, keeps it in browser storage, then sends it.</summary>
    /// <returns>The server's refusal when the send failed with one; null when it was stored or the server was not reached.</returns>
    public async Task<ApiProblemException?> SendAsync(OutgoingMessage outgoing, string? replyToId)
    {
        var message = TimelineMessage.Pending(
            ChatConnection.NewClientMessageId(), myUserId, outgoing.Text, replyToId, time.GetUtcNow(), outgoing.Attachments);
        _timeline.AddUnsent(message);
        Rebuild();
        if (kept is not null)
        {
            await kept.KeepAsync(message);
        }

        return await DeliverAsync(message);
    }

    /// <summary>Sends a failed message again; nothing when it is no longer failed (e.g. its push arrived meanwhile).</summary>
    public async Task<ApiProblemException?> RetryAsync(string clientMessageId)
    {
        if (_timeline.FindUnsent(clientMessageId) is not { State: SendState.Failed } message)
        {
            return null;
        }

        _timeline.SetState(clientMessageId, SendState.Pending);
        Rebuild();
        if (kept is not null)
        {
            await kept.SetFailedAsync(clientMessageId, failed: false);
        }

        return await DeliverAsync(message);
    }

    /// <summary>Sends again every pending message not on its way (the connection is back); failed ones wait for Retry.</summary>
    public Task ResendPendingAsync() => Task.WhenAll(_timeline.Messages
        .Where(m => m.State == SendState.Pending && m.Seq is null && !_delivering.Contains(m.ClientMessageId))
        .Select(DeliverAsync));

    /// <summary>Drops a failed message: from the view and from browser storage.</summary>
    public async Task DiscardAsync(string clientMessageId)
    {
        if (_timeline.FindUnsent(clientMessageId) is not { State: SendState.Failed })
        {
            return;
        }

        _timeline.RemoveUnsent(clientMessageId);
        Rebuild();
        if (kept is not null)
        {
            await kept.ForgetAsync(clientMessageId);
        }
    }

    // The same client message id on every attempt: a send whose answer was lost is stored once. A refusal (4xx other
    // than a timeout or the rate limit) fails it at once; not reaching the server is tried again after each delay.
    private async Task<ApiProblemException?> DeliverAsync(TimelineMessage message)
    {
        var clientMessageId = message.ClientMessageId;
        if (!_delivering.Add(clientMessageId))
        {
            return null;
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    _timeline.Apply(await channel.SendAsync(message));
                    if (kept is not null)
                    {
                        await kept.ForgetAsync(clientMessageId);
                    }

                    return null;
                }
                // A cancelled send (the app is signing out) is neither stored nor failed.
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Its push brought the stored message meanwhile: nothing left to send.
                    if (_timeline.FindUnsent(clientMessageId) is null)
                    {
                        return null;
                    }

                    if (IsRefusal(exception) || attempt >= _retryDelays.Count)
                    {
                        _timeline.SetState(clientMessageId, SendState.Failed);
                        if (kept is not null)
                        {
                            await kept.SetFailedAsync(clientMessageId, failed: true);
                        }

                        return exception as ApiProblemException;
                    }
                }

                await Task.Delay(_retryDelays[attempt], time);
            }
        }
        finally
        {
            _delivering.Remove(clientMessageId);
            Rebuild();
            SendSettled?.Invoke();
        }
    }

    private static bool IsRefusal(Exception exception) =>
        exception is ApiProblemException { Status: var status } && (int)status is >= 400 and < 500 && status is not
            (System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests);

    /// <summary>
    /// Sends kept from before a reload: those the history holds were stored and are forgotten; the others are shown
    /// again, and those not failed are sent again with their client message id.
    /// </summary>
    private async Task RestoreKeptAsync()
    {
        if (kept is null)
        {
            return;
        }

        var restored = new List<TimelineMessage>();
        foreach (var send in await kept.ListAsync())
        {
            if (_timeline.HoldsStored(myUserId, send.ClientMessageId))
            {
                await kept.ForgetAsync(send.ClientMessageId);
            }
            else if (_timeline.FindUnsent(send.ClientMessageId) is null)
            {
                var message = TimelineMessage.Pending(send.ClientMessageId, myUserId, send.Text, send.ReplyToId, send.CreatedAt, send.Attachments)
                    with { State = send.Failed ? SendState.Failed : SendState.Pending };
                _timeline.AddUnsent(message);
                restored.Add(message);
            }
        }

        Rebuild();
        foreach (var message in restored.Where(m => m.State == SendState.Pending))
        {
            _ = DeliverAsync(message);
        }
    }
}
