using Microsoft.Extensions.Time.Testing;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Files;

namespace NexusChat.Tests.WebClient;

public sealed class FileUploadTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private FileUpload NewUpload(long size = 100_000_000) => new("local-1", "movie.mp4", size, "video/mp4", _time);

    [Fact]
    public void SpeedAndTimeLeftComeFromTheProgressReports()
    {
        var upload = NewUpload();
        upload.Progress(0);
        Assert.Null(upload.BytesPerSecond);
        Assert.Equal("Starting…", upload.Describe());

        _time.Advance(TimeSpan.FromSeconds(2));
        upload.Progress(20_000_000);

        Assert.Equal(10_000_000, upload.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(8), upload.TimeLeft);
        Assert.Equal(20, upload.Percent);
        Assert.Equal("10 MB/s · 8 s left", upload.Describe());
    }

    [Fact]
    public void SpeedFollowsTheLastSecondsNotTheWholeUpload()
    {
        var upload = NewUpload();
        upload.Progress(0);
        _time.Advance(TimeSpan.FromSeconds(10));
        upload.Progress(10_000_000);
        for (var second = 0; second < 6; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            upload.Progress(upload.Sent + 5_000_000);
        }

        // Since the start it averaged 2.5 MB/s; over the last five seconds it did 5 MB/s.
        Assert.Equal(5_000_000, upload.BytesPerSecond);
    }

    [Fact]
    public void APauseShowsNoSpeedAndTheResumedUploadMeasuresAfresh()
    {
        var upload = NewUpload();
        upload.Progress(0);
        _time.Advance(TimeSpan.FromSeconds(1));
        upload.Progress(10_000_000);
        upload.Pause();

        Assert.Null(upload.BytesPerSecond);
        Assert.Equal("Paused", upload.Describe());

        _time.Advance(TimeSpan.FromMinutes(10));
        upload.Resume();
        upload.Progress(10_000_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        upload.Progress(30_000_000);
        Assert.Equal(20_000_000, upload.BytesPerSecond);
    }

    [Fact]
    public void ProgressAfterANetworkDropMeansUploadingAgain()
    {
        var upload = NewUpload();
        upload.WaitForNetwork();
        Assert.Equal("Waiting for the network…", upload.Describe());

        upload.Progress(1);

        Assert.Equal(UploadStatus.Uploading, upload.Status);
    }

    [Fact]
    public void ACompletedUploadBecomesAnAttachmentWithTheServersFileId()
    {
        var upload = NewUpload(size: 42);
        upload.Complete("file-9");

        Assert.Equal(100, upload.Percent);
        Assert.Equal("Uploaded", upload.Describe());
        var attachment = upload.ToAttachment();
        Assert.Equal(("file-9", "movie.mp4", "video/mp4", 42L, PreviewStates.Pending),
            (attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.PreviewState));
    }

    [Fact]
    public void AFailureShowsTheServersReason()
    {
        var upload = NewUpload();
        upload.Fail("The upload exceeds your storage quota.");

        Assert.Equal("The upload exceeds your storage quota.", upload.Describe());
        upload.Resume();
        Assert.Null(upload.Error);
    }
}
