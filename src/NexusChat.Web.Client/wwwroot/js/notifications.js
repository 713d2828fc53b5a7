// Browser notifications, the unread favicon. Loaded as a module through IJSRuntime (Features/Notifications/NotificationInterop).

// 'default' | 'granted' | 'denied', or 'unsupported' where the browser has no Notification API.
export function permission() {
    return 'Notification' in window ? Notification.permission : 'unsupported';
}

// Only ever called from a click: browsers ignore (and may penalize) permission prompts without a user gesture.
export async function requestPermission() {
    if (!('Notification' in window)) {
        return 'unsupported';
    }
    return await Notification.requestPermission();
}

// One notification per message: the tag is the message id, so a repeat (a resync bringing the message again)
// replaces the first instead of stacking. A click brings the tab forward and opens the conversation.
export function show(tag, title, body, conversationId, dotnet) {
    if (!('Notification' in window) || Notification.permission !== 'granted') {
        return false;
    }
    const notification = new Notification(title, { tag, body, icon: 'favicon.svg' });
    notification.onclick = () => {
        window.focus();
        notification.close();
        dotnet.invokeMethodAsync('OnNotificationClicked', conversationId);
    };
    return true;
}

let plainFavicon = null;

// The favicon with the unread count drawn on it (an SVG data URL made in .NET), or the plain one at 0.
export function setFavicon(dataUrl) {
    const link = document.querySelector('link[rel="icon"]');
    if (!link) {
        return;
    }
    plainFavicon ??= link.getAttribute('href');
    link.setAttribute('href', dataUrl ?? plainFavicon);
}
