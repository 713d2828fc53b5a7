using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Files;

public enum UploadStatus
{
    Uploading,
    Paused,

    /// <summary>The browser is offline; the upload continues by itself when it is back online.</summary>
    WaitingForNetwork,
    Completed,
    Failed,
}

/// <summary>
/// One file the composer is uploading: how far it got, how fast it goes and how long it still needs. Speed is the
/// average over the last few seconds of progress reports, so a stalled or resumed upload shows what it does now, not
/// since it began.
/// </summary>
public sealed class FileUpload(string id, string fileName, long size, string contentType, TimeProvider time)
{
    private static readonly TimeSpan SpeedWindow = TimeSpan.FromSeconds(5);
    private readonly Queue<(DateTimeOffset At, long Sent)> _samples = new();

    /// <summary>The browser's id for it (not the server's: that is <see cref="FileId"/>, known once complete).</summary>
    public string Id { get; } = id;

    public string FileName { get; } = fileName;

    public long Size { get; } = size;

    public string ContentType { get; } = contentType;

    public long Sent { get; private set; }

    public UploadStatus Status { get; private set; } = UploadStatus.Uploading;

    public string? FileId { get; private set; }

    public string? Error { get; private set; }

    public bool IsComplete => Status == UploadStatus.Completed;

    /// <summary>0–100, whole percent, for the progress bar.</summary>
    public int Percent => Size <= 0 ? (IsComplete ? 100 : 0) : (int)Math.Floor(100.0 * Sent / Size);

    /// <summary>Bytes a second over the last few seconds; null until two reports while uploading.</summary>
    public double? BytesPerSecond
    {
        get
        {
            if (Status != UploadStatus.Uploading || _samples.Count < 2)
            {
                return null;
            }

            var (firstAt, firstSent) = _samples.Peek();
            var elapsed = (time.GetUtcNow() - firstAt).TotalSeconds;
            return elapsed > 0 ? (Sent - firstSent) / elapsed : null;
        }
    }

    public TimeSpan? TimeLeft => BytesPerSecond is > 0 and var speed ? TimeSpan.FromSeconds((Size - Sent) / speed) : null;

    /// <summary>"12 MB/s · 3 min left", "Paused", "Uploaded", the server's reason for a failure.</summary>
    public string Describe() => Status switch
    {
        UploadStatus.Completed => "Uploaded",
        UploadStatus.Paused => "Paused",
        UploadStatus.WaitingForNetwork => "Waiting for the network…",
        UploadStatus.Failed => Error ?? "Upload failed",
        _ when BytesPerSecond is { } speed && TimeLeft is { } left => $"{FileSizes.Speed(speed)} · {FileSizes.Duration(left)} left",
        _ => "Starting…",
    };

    public void Progress(long sent)
    {
        Sent = Math.Clamp(sent, 0, Size);
        if (Status is UploadStatus.WaitingForNetwork)
        {
            Status = UploadStatus.Uploading;
        }

        var now = time.GetUtcNow();
        _samples.Enqueue((now, Sent));
        while (_samples.Count > 2 && now - _samples.Peek().At > SpeedWindow)
        {
            _samples.Dequeue();
        }
    }

    public void Complete(string fileId)
    {
        FileId = fileId;
        Sent = Size;
        Status = UploadStatus.Completed;
        _samples.Clear();
    }

    public void Fail(string reason)
    {
        Error = reason;
        Status = UploadStatus.Failed;
        _samples.Clear();
    }

    public void Pause() => Stop(UploadStatus.Paused);

    public void WaitForNetwork() => Stop(UploadStatus.WaitingForNetwork);

    public void Resume()
    {
        Error = null;
        Status = UploadStatus.Uploading;
    }

    /// <summary>The attachment a message sent now carries; the server fills in the rest (sha256, dimensions, preview).</summary>
    public AttachmentDto ToAttachment() => new(FileId ?? Id, FileName, ContentType, Size, string.Empty, null, null, PreviewStates.Pending);

    // Speed restarts from the next report: the pause is not part of it.
    private void Stop(UploadStatus status)
    {
        Status = status;
        _samples.Clear();
    }
}
