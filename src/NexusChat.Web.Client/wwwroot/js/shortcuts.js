// Page-wide keys, reported to .NET (KeyboardShortcuts): Ctrl+K / Cmd+K opens the quick switcher (from anywhere,
// even a text field: the browser's own Ctrl+K is not worth keeping here); Escape marks the open conversation read,
// but only from inside the conversation, not while a dialog is open and not from a message being edited (there
// Escape cancels the edit).
export function watchShortcuts(dotnet) {
    const onKeyDown = (event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
            event.preventDefault();
            dotnet.invokeMethodAsync('OpenQuickSwitcher');
            return;
        }
        if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('[role="dialog"]')) {
            return;
        }
        const target = event.target instanceof Element ? event.target : null;
        if (target && target.closest('main.conversation') && !target.closest('.edit-box')) {
            dotnet.invokeMethodAsync('MarkOpenConversationRead');
        }
    };
    document.addEventListener('keydown', onKeyDown);
    return { dispose: () => document.removeEventListener('keydown', onKeyDown) };
}
