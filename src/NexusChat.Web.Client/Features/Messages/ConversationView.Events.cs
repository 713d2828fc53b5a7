using NexusChat.Client;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>The conversation view's half that follows the hub: pushes for this conversation change the open session.</summary>
public sealed partial class ConversationView
{
    protected override void OnInitialized()
    {
        Workspace.MessageArrived += OnMessage;
        Workspace.MessageChanged += OnMessageChanged;
        Workspace.ConversationChanged += OnConversationChanged;
        Workspace.MembersChanged += OnMembersChanged;
        Workspace.ConnectionChanged += OnConnectionChanged;
        Users.Changed += Render;
        Conversations.Changed += Render;
        ThreadReads.Changed += Render;
    }

    // Taken while the conversation still loads too: a message sent meanwhile may be in neither the page nor a later push.
    private void OnMessage(MessageDto message)
    {
        if (message.ConversationId != ConversationId)
        {
            return;
        }

        var session = _session;
        _ = InvokeAsync(async () =>
        {
            if (_log is not null)
            {
                await _log.BeforeAppendAsync(force: message.SenderId == Session.User?.Id);
            }

            if (session.Receive(message))
            {
                StateHasChanged();
            }
        });
    }

    private void OnMessageChanged(MessageDto message) => RenderIf(message.ConversationId == ConversationId && _session.Change(message));

    private void OnConversationChanged(ConversationDto conversation) => RenderIf(conversation.Id == ConversationId && _session.Update(conversation));

    private void OnMembersChanged(MembersChangedDto change) => RenderIf(change.ConversationId == ConversationId && _session.ApplyMembers(change));

    // Back online: what is still pending goes out now rather than at its next retry.
    private void OnConnectionChanged()
    {
        if (Workspace.ConnectionState == ChatConnectionState.Connected)
        {
            var session = _session;
            _ = InvokeAsync(async () =>
            {
                await session.ResendPendingAsync();
                StateHasChanged();
            });
        }
    }

    private void RenderIf(bool changed)
    {
        if (changed)
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private void Render() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        if (_session is not null)
        {
            _session.SendSettled -= Render;
        }

        Workspace.MessageArrived -= OnMessage;
        Workspace.MessageChanged -= OnMessageChanged;
        Workspace.ConversationChanged -= OnConversationChanged;
        Workspace.MembersChanged -= OnMembersChanged;
        Workspace.ConnectionChanged -= OnConnectionChanged;
        Users.Changed -= Render;
        Conversations.Changed -= Render;
        ThreadReads.Changed -= Render;
    }
}
