using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Files;

/// <summary>GET /api/files/{id}: who may download, ranges and conditional requests, and what nothing is served as.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class DownloadTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AMemberDownloadsTheExactBytesWithAnETagAndNosniff()
    {
        var (world, _, _, fileId, content) = await SentFileAsync();
        using var api = world.Api();

        using var response = await api.GetAsync($"/api/files/{fileId}", world.Member2.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(content))}\"", response.Headers.ETag?.Tag);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["bytes"], response.Headers.AcceptRanges);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("data.bin", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData(100, 199)]
    [InlineData(0, 0)]
    [InlineData(4000, null)]
    public async Task ARangeRequestReturnsExactlyThoseBytes(int from, int? to)
    {
        var (world, _, _, fileId, content) = await SentFileAsync();
        using var api = world.Api();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{fileId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Member2.AccessToken);
        request.Headers.Range = new RangeHeaderValue(from, to);

        using var response = await api.Http.SendAsync(request);

        var end = to ?? content.Length - 1;
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[from..(end + 1)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes {from}-{end}/{content.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task IfNoneMatchWithTheETagIsNotModified()
    {
        var (world, _, _, fileId, _) = await SentFileAsync();
        using var api = world.Api();
        using var first = await api.GetAsync($"/api/files/{fileId}", world.Member.AccessToken);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{fileId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Member.AccessToken);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var again = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ANonMemberAndAnUnknownIdGetTheSame404()
    {
        var (world, _, _, fileId, _) = await SentFileAsync();
        using var api = world.Api();

        using var outsider = await api.GetAsync($"/api/files/{fileId}", world.Outsider.AccessToken);
        using var unknown = await api.GetAsync($"/api/files/{Guid.NewGuid():N}", world.Member.AccessToken);

        await AssertProblemAsync(outsider, HttpStatusCode.NotFound);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUploadNotYetSentIsNotDownloadableEvenByItsOwner()
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var fileId = await UploadedFile.UploadAsync(fixture, world.Member, RandomNumberGenerator.GetBytes(64));
        using var api = world.Api();

        using var response = await api.GetAsync($"/api/files/{fileId}", world.Member.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AfterTheMessageIsDeletedTheFileIsGone()
    {
        var (world, channel, message, fileId, _) = await SentFileAsync();
        using var api = world.Api();
        using (var before = await api.GetAsync($"/api/files/{fileId}", world.Member2.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var deleted = await api.SendAsync(HttpMethod.Delete, $"/api/conversations/{channel.Id}/messages/{message.Id}", null, world.Member.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.Empty((await deleted.Content.ReadFromJsonAsync<MessageDto>())!.Attachments);
        }

        using var after = await api.GetAsync($"/api/files/{fileId}", world.Member2.AccessToken);
        await AssertProblemAsync(after, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("page.html", "text/html", "<html><script>alert(document.cookie)</script></html>")]
    [InlineData("logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("app.js", "application/javascript; charset=utf-8", "alert(1)")]
    public async Task ActiveContentIsServedAsAnOpaqueAttachment(string name, string type, string body)
    {
        var (world, _, _, fileId, content) = await SentFileAsync(name, type, Encoding.UTF8.GetBytes(body));
        using var api = world.Api();

        using var response = await api.GetAsync($"/api/files/{fileId}", world.Member2.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(name, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("sandbox", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASafeImageIsServedAsItsOwnTypeWithNosniff()
    {
        // The stored type decides, not the bytes: HTML claimed as PNG stays an image the browser cannot render as a page.
        var (world, _, _, fileId, _) = await SentFileAsync("cat.png", "image/PNG", Encoding.UTF8.GetBytes("<script>alert(1)</script>"));
        using var api = world.Api();

        using var response = await api.GetAsync($"/api/files/{fileId}", world.Member2.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    /// <summary>A channel whose Member sent a message with one uploaded file attached; Member2 is a member too.</summary>
    private async Task<(ConversationWorld World, ConversationDto Channel, MessageDto Message, string FileId, byte[] Content)> SentFileAsync(
        string name = "data.bin", string type = "application/octet-stream", byte[]? content = null)
    {
        content ??= RandomNumberGenerator.GetBytes(5000);
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var fileId = await UploadedFile.UploadAsync(fixture, world.Member, content, name, type);
        using var api = world.Api();
        using var sent = await api.PostAsync($"/api/conversations/{channel.Id}/messages",
            new SendMessageRequest("a file", Guid.NewGuid().ToString("N"), null, [fileId]), world.Member.AccessToken);
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        return (world, channel, (await sent.Content.ReadFromJsonAsync<MessageDto>())!, fileId, content);
    }
}
