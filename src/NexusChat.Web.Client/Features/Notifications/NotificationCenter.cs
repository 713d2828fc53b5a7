using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.Chat;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.People;

namespace NexusChat.Web.Client.Features.Notifications;

/// <summary>
/// For the signed-in session: raises a browser notification for each arriving message <see cref="NotificationRules"/>
/// picks (a click opens its conversation), and keeps the unread total in the title and on the favicon.
/// </summary>
public sealed partial class NotificationCenter(
    ChatWorkspace workspace, ConversationList conversations, AuthSession session, UserDirectory users,
    NotificationInterop browser, NavigationManager navigation, ILogger<NotificationCenter> logger) : IDisposable
{
    private DotNetObjectReference<NotificationCenter>? _self;
    private long _shownTotal = -1;

    /// <summary>The title changed (the page binds it).</summary>
    public event Action? Changed;

    public long UnreadTotal { get; private set; }

    public string Title => UnreadIndicator.Title(UnreadTotal);

    public void Start()
    {
        if (_self is not null)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        workspace.MessageArrived += OnMessage;
        conversations.Changed += OnConversationsChanged;
        OnConversationsChanged();
    }

    [JSInvokable]
    public void OnNotificationClicked(string conversationId) => navigation.NavigateTo($"c/{Uri.EscapeDataString(conversationId)}");

    /// <summary>Signed out: nothing more is raised, and the plain favicon is back.</summary>
    public void Stop()
    {
        Dispose();
        _shownTotal = -1;
        UnreadTotal = 0;
        _ = ShowFaviconAsync(null);
    }

    public void Dispose()
    {
        workspace.MessageArrived -= OnMessage;
        conversations.Changed -= OnConversationsChanged;
        _self?.Dispose();
        _self = null;
    }

    private void OnMessage(MessageDto message)
    {
        var entry = conversations.Find(message.ConversationId);
        if (session.User?.Id is { } me && _self is { } self && NotificationRules.ShouldNotify(message, me, entry, workspace.TabHidden))
        {
            _ = NotifyAsync(message, entry!, self);
        }
    }

    private async Task NotifyAsync(MessageDto message, ConversationEntry entry, DotNetObjectReference<NotificationCenter> self)
    {
        try
        {
            var sender = (await users.GetAsync(message.SenderId))?.DisplayName ?? users.NameOf(message.SenderId);
            var title = NotificationText.Title(sender, entry.IsDirect ? null : conversations.NameOf(entry));
            await browser.ShowAsync(message.Id, title, NotificationText.Body(message), message.ConversationId, self);
        }
        catch (JSException exception)
        {
            LogNotifyFailed(logger, exception.Message);
        }
    }

    private void OnConversationsChanged()
    {
        UnreadTotal = conversations.Loaded ? NotificationRules.UnreadTotal(conversations.Ordered) : 0;
        if (UnreadTotal == _shownTotal)
        {
            return;
        }

        _shownTotal = UnreadTotal;
        Changed?.Invoke();
        _ = ShowFaviconAsync(UnreadIndicator.FaviconDataUrl(UnreadTotal));
    }

    private async Task ShowFaviconAsync(string? dataUrl)
    {
        try
        {
            await browser.SetFaviconAsync(dataUrl);
        }
        catch (JSException exception)
        {
            LogNotifyFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Notification or favicon failed: {Reason}")]
    private static partial void LogNotifyFailed(ILogger logger, string reason);
}
