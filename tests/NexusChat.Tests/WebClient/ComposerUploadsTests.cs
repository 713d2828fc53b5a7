using Microsoft.Extensions.Time.Testing;
using NexusChat.Web.Client.Features.Files;

namespace NexusChat.Tests.WebClient;

public sealed class ComposerUploadsTests
{
    private readonly ComposerUploads _uploads = new(new FakeAccessTokenSource(), new FakeTimeProvider());

    [Fact]
    public void TheMessageWaitsUntilEveryFileIsUploaded()
    {
        Assert.Null(_uploads.Blocker);
        _uploads.OnUploadAdded("a", "a.png", 10, "image/png");
        _uploads.OnUploadAdded("b", "b.pdf", 20, "application/pdf");
        Assert.Equal("Waiting for 2 uploads…", _uploads.Blocker);

        _uploads.OnUploadCompleted("a", "file-a");
        Assert.Equal("Waiting for 1 upload…", _uploads.Blocker);

        _uploads.OnUploadCompleted("b", "file-b");
        Assert.Null(_uploads.Blocker);
        Assert.Equal(["file-a", "file-b"], _uploads.TakeAttachments().Select(a => a.Id));
        Assert.False(_uploads.HasFiles);
    }

    [Fact]
    public async Task AFailedFileBlocksTheMessageUntilRetriedOrRemoved()
    {
        _uploads.OnUploadAdded("a", "a.png", 10, "image/png");
        _uploads.OnUploadFailed("a", "Too many uploads in progress.");
        Assert.Equal("Retry or remove the files that failed.", _uploads.Blocker);

        await _uploads.CancelAsync("a");

        Assert.Null(_uploads.Blocker);
        Assert.Empty(_uploads.TakeAttachments());
    }

    [Fact]
    public void MoreThanTenFilesCannotGoInOneMessage()
    {
        for (var i = 0; i < 11; i++)
        {
            _uploads.OnUploadAdded($"f{i}", $"{i}.txt", 1, "text/plain");
            _uploads.OnUploadCompleted($"f{i}", $"file-{i}");
        }

        Assert.Equal("A message carries at most 10 files.", _uploads.Blocker);
    }

    [Fact]
    public async Task ReportsForARemovedFileAreIgnored()
    {
        var changes = 0;
        _uploads.Changed += () => changes++;
        _uploads.OnUploadAdded("a", "a.png", 10, "image/png");
        await _uploads.CancelAsync("a");
        changes = 0;

        _uploads.OnUploadProgress("a", 5);
        _uploads.OnUploadCompleted("a", "file-a");

        Assert.Equal(0, changes);
        Assert.False(_uploads.HasFiles);
    }

    [Fact]
    public async Task AnUploadRefusedWithA401GetsARenewedToken()
    {
        var tokens = new CountingTokens();
        var uploads = new ComposerUploads(tokens, new FakeTimeProvider());

        Assert.Equal("token-0", await uploads.AccessTokenAsync(refresh: false));
        Assert.Equal("token-1", await uploads.AccessTokenAsync(refresh: true));
    }

    private sealed class CountingTokens : NexusChat.Client.Rest.IAccessTokenSource
    {
        private int _refreshes;

        public string? AccessToken => $"token-{_refreshes}";

        public Task<bool> TryRefreshAsync(CancellationToken cancellationToken)
        {
            _refreshes++;
            return Task.FromResult(true);
        }

        public void OnSessionLost()
        {
        }
    }
}
