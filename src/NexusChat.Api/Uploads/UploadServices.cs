using Microsoft.Extensions.Options;
using NexusChat.Identity;
using NexusChat.Storage.Files;
using StackExchange.Redis;

namespace NexusChat.Api.Uploads;

/// <summary>What the upload handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class UploadServices(
    UploadStore uploads, StagingArea staging, IFileStore files, IConnectionMultiplexer redis, IOptions<UploadOptions> options,
    TimeProvider time, HttpContext http)
{
    public UploadStore Uploads { get; } = uploads;
    public StagingArea Staging { get; } = staging;
    public IFileStore Files { get; } = files;
    public IConnectionMultiplexer Redis { get; } = redis;
    public IOptions<UploadOptions> Options { get; } = options;
    public UploadOptions Limits => Options.Value;
    public TimeProvider Time { get; } = time;
    public HttpContext Http { get; } = http;

    public string CallerId => Http.User.UserId();

    /// <summary>The upload when it exists and is the caller's; someone else's looks exactly like none.</summary>
    public async Task<UploadRecord?> FindOwnAsync(string id) =>
        // Ids are ours (a Guid in "N" form); anything else never reaches Redis or a staging path.
        Guid.TryParseExact(id, "N", out _) && await Uploads.FindAsync(id) is { } upload && upload.OwnerId == CallerId ? upload : null;

    /// <summary>Sets the headers that describe an upload's state on the response.</summary>
    public void DescribeOnResponse(UploadRecord upload)
    {
        var headers = Http.Response.Headers;
        headers[TusProtocol.UploadOffset] = upload.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (upload.FileId is { } fileId)
        {
            headers[TusProtocol.UploadFileId] = fileId;
        }
        else
        {
            headers[TusProtocol.UploadExpires] = upload.ExpiresAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
