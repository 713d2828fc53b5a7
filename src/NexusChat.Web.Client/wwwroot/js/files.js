// Files in the browser: resumable uploads through tus-js-client (the global `tus`, loaded by index.html from
// lib/tus-js-client) and the fetches of attached files, which need the bearer token an <img src> or <a href> cannot
// carry. What the composer shows of an upload (progress, speed, time left) is computed in .NET (UploadTracker);
// this module only moves bytes and reports them.

// 16 MiB: each chunk is one PATCH, counted against the user's own chunk allowance (6,000 a minute), so the limit
// never slows an upload; a larger chunk costs more to resend after a drop.
const chunkSize = 16 * 1024 * 1024;
// A dropped network: tus asks the server for its offset and continues from there, for about two minutes; while the
// browser says it is offline, the upload waits for the 'online' event instead of spending its retries.
const retryDelays = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000];
const progressInterval = 200;

function endpoint() {
    return new URL('api/uploads', document.baseURI).href;
}

// tus-js-client's default, plus 401: the access token lapsed mid-upload; the next attempt asks .NET for a renewed one.
function shouldRetry(error, state) {
    const status = error.originalResponse ? error.originalResponse.getStatus() : 0;
    if (status === 401 && !state.refreshed) {
        state.refresh = true;
        return true;
    }
    return navigator.onLine && (status === 0 || status === 409 || status === 423 || status >= 500);
}

// The server's ProblemDetails title (413 too large, 403 over quota, 429 too many uploads), else a generic reason.
function reason(error) {
    const response = error.originalResponse;
    if (!response) {
        return 'The server could not be reached.';
    }
    try {
        const problem = JSON.parse(response.getBody());
        return problem.detail || problem.title || `The server refused the upload (${response.getStatus()}).`;
    } catch {
        return `The server refused the upload (${response.getStatus()}).`;
    }
}

// Watches a composer for files (its file input, drops on it, pastes into it) and uploads each one, reporting to
// `dotnet`: OnUploadAdded(id, name, size, type), OnUploadProgress(id, sent), OnUploadCompleted(id, fileId),
// OnUploadWaiting(id), OnUploadFailed(id, reason); it answers AccessTokenAsync(refresh) with the bearer token.
export function watchComposer(composer, fileInput, dotnet) {
    const uploads = new Map();

    function start(file) {
        const id = crypto.randomUUID();
        const state = { refresh: false, refreshed: false, lastReport: 0, waiting: null };
        const upload = new tus.Upload(file, {
            endpoint: endpoint(),
            chunkSize,
            retryDelays,
            metadata: { filename: file.name, filetype: file.type || 'application/octet-stream' },
            // Survives a reload: the upload's URL is kept in localStorage under the file's fingerprint (name, type,
            // size, last modified), so attaching the same file again resumes at the server's offset.
            storeFingerprintForResuming: true,
            removeFingerprintOnSuccess: true,
            onBeforeRequest: async (request) => {
                const token = await dotnet.invokeMethodAsync('AccessTokenAsync', state.refresh);
                state.refreshed = state.refresh;
                state.refresh = false;
                if (token) {
                    request.setHeader('Authorization', `Bearer ${token}`);
                }
            },
            onAfterResponse: (_, response) => {
                if (response.getStatus() !== 401) {
                    state.refreshed = false;
                }
            },
            onShouldRetry: (error) => shouldRetry(error, state),
            onProgress: (sent) => {
                const now = performance.now();
                if (now - state.lastReport >= progressInterval) {
                    state.lastReport = now;
                    dotnet.invokeMethodAsync('OnUploadProgress', id, sent);
                }
            },
            // Throttling may skip a chunk's last progress event; what the server accepted is always reported.
            onChunkComplete: (_, accepted) => dotnet.invokeMethodAsync('OnUploadProgress', id, accepted),
            onSuccess: ({ lastResponse }) => {
                uploads.delete(id);
                const fileId = lastResponse.getHeader('Upload-File-Id');
                if (fileId) {
                    dotnet.invokeMethodAsync('OnUploadCompleted', id, fileId);
                } else {
                    dotnet.invokeMethodAsync('OnUploadFailed', id, 'The server did not name the uploaded file.');
                }
            },
            onError: (error) => {
                if (!navigator.onLine) {
                    dotnet.invokeMethodAsync('OnUploadWaiting', id);
                    state.waiting = () => { state.waiting = null; upload.start(); };
                    window.addEventListener('online', state.waiting, { once: true });
                    return;
                }
                dotnet.invokeMethodAsync('OnUploadFailed', id, reason(error));
            },
        });
        uploads.set(id, { upload, state });
        dotnet.invokeMethodAsync('OnUploadAdded', id, file.name, file.size, file.type || 'application/octet-stream')
            .then(async () => {
                const previous = await upload.findPreviousUploads();
                if (previous.length > 0) {
                    upload.resumeFromPreviousUpload(previous[0]);
                }
                upload.start();
            });
    }

    const addAll = (files) => {
        for (const file of files) {
            start(file);
        }
    };
    const onChange = () => {
        addAll([...fileInput.files]);
        fileInput.value = '';
    };
    const onDragOver = (event) => {
        if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) {
            event.preventDefault();
            composer.classList.add('dropping');
        }
    };
    const onDragLeave = (event) => {
        if (!composer.contains(event.relatedTarget)) {
            composer.classList.remove('dropping');
        }
    };
    const onDrop = (event) => {
        composer.classList.remove('dropping');
        if (event.dataTransfer && event.dataTransfer.files.length > 0) {
            event.preventDefault();
            addAll([...event.dataTransfer.files]);
        }
    };
    // A pasted screenshot is a file; pasted text stays text.
    const onPaste = (event) => {
        const files = event.clipboardData ? [...event.clipboardData.files] : [];
        if (files.length > 0 && !event.clipboardData.types.includes('text/plain')) {
            event.preventDefault();
            addAll(files);
        }
    };
    fileInput.addEventListener('change', onChange);
    composer.addEventListener('dragover', onDragOver);
    composer.addEventListener('dragleave', onDragLeave);
    composer.addEventListener('drop', onDrop);
    composer.addEventListener('paste', onPaste);

    const stopWaiting = (state) => {
        if (state.waiting) {
            window.removeEventListener('online', state.waiting);
            state.waiting = null;
        }
    };
    return {
        pick: () => fileInput.click(),
        pause: (id) => {
            const entry = uploads.get(id);
            if (entry) {
                stopWaiting(entry.state);
                entry.upload.abort(false);
            }
        },
        resume: (id) => uploads.get(id)?.upload.start(),
        // Termination: the server frees the bytes and the user's slot (the api allows 5 uploads in progress).
        cancel: async (id) => {
            const entry = uploads.get(id);
            uploads.delete(id);
            if (entry) {
                stopWaiting(entry.state);
                try {
                    await entry.upload.abort(true);
                } catch {
                    // Not created yet, or already gone: the server expires what it holds.
                }
            }
        },
        dispose: () => {
            fileInput.removeEventListener('change', onChange);
            composer.removeEventListener('dragover', onDragOver);
            composer.removeEventListener('dragleave', onDragLeave);
            composer.removeEventListener('drop', onDrop);
            composer.removeEventListener('paste', onPaste);
            for (const { upload, state } of uploads.values()) {
                stopWaiting(state);
                upload.abort(false);
            }
            uploads.clear();
        },
    };
}

// An attached file (or its thumbnail) as an object URL the page may show: fetched with the bearer token.
// Answers { status, url }; the caller revokes the URL when it no longer shows it.
export async function fetchObjectUrl(path, token) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-cache' });
    if (!response.ok) {
        return { status: response.status, url: null };
    }
    return { status: response.status, url: URL.createObjectURL(await response.blob()) };
}

// Saves an attached file under its name: fetched with the bearer token, then handed to the browser's download.
// The whole file passes through memory as a blob, which browsers keep on disk past a size of their choosing.
export async function download(path, token, fileName) {
    const { status, url } = await fetchObjectUrl(path, token);
    if (url) {
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }
    return status;
}

export function revokeObjectUrl(url) {
    URL.revokeObjectURL(url);
}
