// Browser services the Blazor client needs and .NET cannot reach on its own. Loaded as a module through
// IJSRuntime: the gateway's CSP forbids inline script, so nothing here is ever injected into the page.

const refreshTokenKey = 'nexuschat.refreshToken';

export function readRefreshToken() {
    return localStorage.getItem(refreshTokenKey);
}

export function writeRefreshToken(token) {
    localStorage.setItem(refreshTokenKey, token);
}

export function clearRefreshToken() {
    localStorage.removeItem(refreshTokenKey);
}

// Refresh tokens rotate and a replayed one ends the session, so two tabs must never refresh with the same
// token: a Web Lock serializes refreshes across tabs, and each reads the latest token inside the lock.
export async function runExclusive(lockName, dotnet, method) {
    if (navigator.locks) {
        return navigator.locks.request(lockName, () => dotnet.invokeMethodAsync(method));
    }
    return dotnet.invokeMethodAsync(method);
}

// Kept sends and drafts (Features/Messages/PendingSendStore, DraftStore): per signed-in user, shared by their tabs.
export function storageGet(key) {
    return localStorage.getItem(key);
}

export function storageSet(key, value) {
    localStorage.setItem(key, value);
}

export function storageRemove(key) {
    localStorage.removeItem(key);
}

export function isHidden() {
    return document.visibilityState === 'hidden';
}

export function watchVisibility(dotnet) {
    const handler = () => dotnet.invokeMethodAsync('OnVisibilityChanged', document.visibilityState === 'hidden');
    document.addEventListener('visibilitychange', handler);
    return { dispose: () => document.removeEventListener('visibilitychange', handler) };
}

// Blazor can only cancel a key's default action unconditionally; Enter must send while Shift+Enter adds a line,
// and the arrow keys must move through mention suggestions while they are shown.
export function attachComposer(textarea) {
    const handler = (event) => {
        const suggesting = textarea.dataset.suggesting === 'true';
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
        } else if (suggesting && (event.key === 'ArrowUp' || event.key === 'ArrowDown' || event.key === 'Tab')) {
            event.preventDefault();
        }
    };
    textarea.addEventListener('keydown', handler);
    return { dispose: () => textarea.removeEventListener('keydown', handler) };
}

export function focusEnd(textarea) {
    textarea.focus();
    textarea.selectionStart = textarea.selectionEnd = textarea.value.length;
}

// Loads older messages when the top of the log comes into view (infinite scroll upward).
export function watchTop(log, sentinel, dotnet) {
    const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
            dotnet.invokeMethodAsync('OnReachedTopFromBrowser');
        }
    }, { root: log, rootMargin: '200px 0px 0px 0px' });
    observer.observe(sentinel);
    return {
        dispose: () => observer.disconnect(),
        // Observing again reports the current intersection: still at the top after a page means load another.
        recheck: () => { observer.unobserve(sentinel); observer.observe(sentinel); },
    };
}

export function measure(log) {
    return {
        scrollHeight: log.scrollHeight,
        scrollTop: log.scrollTop,
        nearBottom: log.scrollHeight - log.scrollTop - log.clientHeight < 120,
    };
}

// After older messages were put above, keep the messages the reader was looking at where they were.
export function keepPosition(log, previousHeight, previousTop) {
    log.scrollTop = log.scrollHeight - previousHeight + previousTop;
}

export function scrollToBottom(log) {
    log.scrollTop = log.scrollHeight;
}

export function scrollToMessage(log, messageId) {
    const target = log.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    if (!target) {
        return false;
    }
    target.scrollIntoView({ block: 'center' });
    target.classList.add('highlight');
    target.focus({ preventScroll: true });
    setTimeout(() => target.classList.remove('highlight'), 2000);
    return true;
}

// Moves focus into an open dialog (its first field), keeps Tab inside it, and gives focus back to what opened
// it when the dialog closes.
export function trapFocus(dialog) {
    const opener = document.activeElement;
    const focusable = () => [...dialog.querySelectorAll('button, [href], input, textarea, select, [tabindex]:not([tabindex="-1"])')]
        .filter((element) => !element.disabled && element.offsetParent !== null);
    const handler = (event) => {
        if (event.key !== 'Tab') {
            return;
        }
        const items = focusable();
        if (items.length === 0) {
            return;
        }
        const first = items[0];
        const last = items[items.length - 1];
        if (event.shiftKey && document.activeElement === first) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
            event.preventDefault();
            first.focus();
        }
    };
    // Escape closes the dialog even when focus has fallen out of it (e.g. the button just used became disabled);
    // inside it, the dialog's own handler does it.
    const escape = (event) => {
        if (event.key === 'Escape' && !dialog.contains(event.target)) {
            dialog.querySelector('button[aria-label="Close"]')?.click();
        }
    };
    dialog.addEventListener('keydown', handler);
    document.addEventListener('keydown', escape);
    const start = dialog.querySelector('.modal-body input, .modal-body textarea') ?? focusable()[0];
    start?.focus();
    return {
        dispose: () => {
            dialog.removeEventListener('keydown', handler);
            document.removeEventListener('keydown', escape);
            if (opener && opener.isConnected) {
                opener.focus();
            }
        },
    };
}
