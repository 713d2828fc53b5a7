// Editing helpers, imported on first use through EditingInterop: recent emoji, inserting at the caret, the clipboard.
const recentKey = 'nexuschat.recentEmoji';

// Emoji chosen recently, most recent first; an empty list when storage is unavailable or holds something else.
export function readRecent() {
    try {
        const value = JSON.parse(localStorage.getItem(recentKey) ?? '[]');
        return Array.isArray(value) ? value.filter((e) => typeof e === 'string') : [];
    } catch {
        return [];
    }
}

export function writeRecent(emoji) {
    try {
        localStorage.setItem(recentKey, JSON.stringify(emoji));
    } catch {
        // Private mode or a full quota: recent emoji are a convenience.
    }
}

// Puts text where the caret is (replacing a selection) and tells Blazor through the input event it listens to.
export function insertAtCursor(textarea, text) {
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    textarea.focus();
    textarea.setRangeText(text, start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

export async function copyText(text) {
    await navigator.clipboard.writeText(text);
}
