using System.Globalization;

namespace NexusChat.Bench.Uploads;

/// <summary>
/// The tus creation request (<c>POST /api/uploads</c>) the upload and preview benchmarks both start with. Their client
/// sends <c>Tus-Resumable: </c><see cref="Version"/> with every request (a default header).
/// </summary>
public static class TusCreate
{
    public const string Version = "1.0.0";

    /// <summary>The new upload's URL, to PATCH its bytes to.</summary>
    public static async Task<Uri> UploadAsync(HttpClient http, long length, string fileName, string? contentType)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        create.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        var metadata = $"filename {Base64(fileName)}";
        create.Headers.Add("Upload-Metadata", contentType is null ? metadata : $"{metadata},filetype {Base64(contentType)}");
        using var response = await http.SendAsync(create);
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!;
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
