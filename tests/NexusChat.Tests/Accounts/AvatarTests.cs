using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Files;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Previews;
using SkiaSharp;
using static NexusChat.Tests.Accounts.ProblemAssertions;

namespace NexusChat.Tests.Accounts;

/// <summary>Profile pictures through the api: from a real upload, decoded and re-encoded, served by version; and what is refused.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class AvatarTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task AnUploadedPngThenJpegBecomeA128PixelSquareServedByVersionAndRemovingItLeavesInitials()
    {
        using var api = new ApiClient(fixture, "api-1");
        var ana = await api.RegisterAsync();
        var bob = await api.RegisterAsync();

        var png = await SetAsync(api, ana, await UploadedFile.UploadAsync(fixture, ana, TestImages.Encode(SKEncodedImageFormat.Png, 300, 200), "me.png", "image/png"));
        var version = Assert.IsType<string>(png.AvatarVersion);
        using (var picture = await api.SendAsync(HttpMethod.Get, $"/api/users/{ana.User.Id}/avatar?v={version}", null, bob.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.Equal($"\"{version}\"", picture.Headers.ETag?.Tag);
            Assert.Contains("immutable", picture.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.Equal((128, 128), TestImages.SizeOf(await picture.Content.ReadAsByteArrayAsync()));
        }

        using (var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{ana.User.Id}/avatar"))
        {
            conditional.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bob.AccessToken);
            conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            using var notModified = await api.Http.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        Assert.Equal(version, (await GetUserAsync(api, bob, ana.User.Id)).AvatarVersion);

        var jpeg = await SetAsync(api, ana, await UploadedFile.UploadAsync(fixture, ana, TestImages.Encode(SKEncodedImageFormat.Jpeg, 640, 960), "me.jpg", "image/jpeg"));
        Assert.NotEqual(version, jpeg.AvatarVersion);
        Assert.Equal(jpeg.AvatarVersion, (await GetUserAsync(api, bob, ana.User.Id)).AvatarVersion);

        using var removed = await api.SendAsync(HttpMethod.Delete, "/api/users/me/avatar", null, ana.AccessToken);
        Assert.Null((await removed.Content.ReadFromJsonAsync<UserDto>())!.AvatarVersion);
        using var gone = await api.SendAsync(HttpMethod.Get, $"/api/users/{ana.User.Id}/avatar", null, bob.AccessToken);
        await AssertProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATextFileIsRefusedAsNotAnImage()
    {
        using var api = new ApiClient(fixture, "api-2");
        var ana = await api.RegisterAsync();
        var text = await UploadedFile.UploadAsync(fixture, ana, Encoding.UTF8.GetBytes("<svg onload=alert(1)>hello</svg>"), "me.png", "image/png");

        using var response = await PutAsync(api, ana, text);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("https://nexuschat.dev/problems/not-an-image", problem.GetProperty("type").GetString());
        Assert.Null((await GetUserAsync(api, ana, ana.User.Id)).AvatarVersion);
    }

    [Fact]
    public async Task AnotherUsersFileIsRefusedLikeAnUnknownOne()
    {
        using var api = new ApiClient(fixture, "api-1");
        var ana = await api.RegisterAsync();
        var mallory = await api.RegisterAsync();
        var anas = await UploadedFile.UploadAsync(fixture, ana, TestImages.Encode(SKEncodedImageFormat.Png, 64, 64), "ana.png", "image/png");

        using var someoneElses = await PutAsync(api, mallory, anas);
        using var unknown = await PutAsync(api, mallory, Guid.NewGuid().ToString("N"));

        var problem = await AssertProblemAsync(someoneElses, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("fileId", out _));
        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Null((await GetUserAsync(api, mallory, mallory.User.Id)).AvatarVersion);
    }

    [Fact]
    public async Task AnImageOverTheFortyMegapixelLimitIsRefusedAsTooLarge()
    {
        using var api = new ApiClient(fixture, "api-2");
        var ana = await api.RegisterAsync();
        var bomb = await UploadedFile.UploadAsync(fixture, ana, TestImages.PngClaiming(50_000), "huge.png", "image/png");

        using var response = await PutAsync(api, ana, bomb);

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("https://nexuschat.dev/problems/image-too-large", problem.GetProperty("type").GetString());
    }

    private static Task<HttpResponseMessage> PutAsync(ApiClient api, AuthResponse caller, string fileId) =>
        api.SendAsync(HttpMethod.Put, "/api/users/me/avatar", JsonContent.Create(new SetAvatarRequest(fileId)), caller.AccessToken);

    private static async Task<UserDto> SetAsync(ApiClient api, AuthResponse caller, string fileId)
    {
        using var response = await PutAsync(api, caller, fileId);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UserDto>())!;
    }

    private static async Task<UserDto> GetUserAsync(ApiClient api, AuthResponse caller, string id)
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"/api/users/{id}", null, caller.AccessToken);
        return (await response.Content.ReadFromJsonAsync<UserDto>())!;
    }
}
