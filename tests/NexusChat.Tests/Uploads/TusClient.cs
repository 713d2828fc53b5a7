using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace NexusChat.Tests.Uploads;

/// <summary>The tus requests the tests send, as a tus client would, over any HttpClient (an api replica or the gateway).</summary>
public sealed class TusClient(HttpClient http, string accessToken)
{
    public const string Version = "1.0.0";

    public async Task<string> CreateAsync(long length, string fileName = "notes.bin", string fileType = "application/octet-stream")
    {
        using var response = await CreateRawAsync(length, fileName, fileType);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    public Task<HttpResponseMessage> CreateRawAsync(long length, string fileName = "notes.bin", string fileType = "application/octet-stream")
    {
        var request = Request(HttpMethod.Post, "/api/uploads");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", $"filename {Base64(fileName)},filetype {Base64(fileType)}");
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PatchAsync(string location, long offset, byte[] chunk, string? checksum = "auto") =>
        PatchAsync(location, offset, new ByteArrayContent(chunk),
            checksum is null ? null : $"sha256 {(checksum == "auto" ? Convert.ToBase64String(SHA256.HashData(chunk)) : checksum)}");

    /// <summary>A chunk of any content, streamed as it is written, with an optional Upload-Checksum header.</summary>
    public Task<HttpResponseMessage> PatchAsync(string location, long offset, HttpContent chunk, string? checksumHeader)
    {
        var request = Request(HttpMethod.Patch, location);
        request.Content = chunk;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        if (checksumHeader is not null)
        {
            request.Headers.Add("Upload-Checksum", checksumHeader);
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> HeadAsync(string location) => http.SendAsync(Request(HttpMethod.Head, location));

    public Task<HttpResponseMessage> DeleteAsync(string location) => http.SendAsync(Request(HttpMethod.Delete, location));

    /// <summary>The server's offset for the upload, from HEAD.</summary>
    public async Task<long> OffsetAsync(string location)
    {
        using var response = await HeadAsync(location);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return long.Parse(Header(response, "Upload-Offset"), CultureInfo.InvariantCulture);
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("Tus-Resumable", Version);
        return request;
    }

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
