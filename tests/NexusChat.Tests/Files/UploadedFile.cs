using System.Net;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Uploads;

namespace NexusChat.Tests.Files;

/// <summary>Completes a small upload in one tus chunk, as a client does before attaching it, and gives its file id.</summary>
public static class UploadedFile
{
    public static async Task<string> UploadAsync(
        HostModeAppFixture fixture, AuthResponse owner, byte[] content, string fileName = "notes.bin", string fileType = "application/octet-stream")
    {
        using var api = new ApiClient(fixture, "api-2");
        var tus = new TusClient(api.Http, owner.AccessToken);
        var location = await tus.CreateAsync(content.Length, fileName, fileType);
        using var chunk = await tus.PatchAsync(location, 0, content);
        Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
        return TusClient.Header(chunk, "Upload-File-Id");
    }
}
