using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NexusChat.Bench.Uploads;
using NexusChat.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using SkiaSharp;

namespace NexusChat.Bench.Previews;

/// <summary>
/// <c>--count</c> distinct images (each new content, so the worker's per-sha256 cache never answers), one after
/// another: upload with tus through <c>--url</c>, attach to a message, and time until another member's hub connection
/// receives the <c>MessageUpdated</c> whose attachment is ready. Reports p50/p99 from upload complete (the final PATCH
/// answered) and from the send answered.
/// </summary>
public static class PreviewBenchmark
{
    public static async Task<int> RunAsync(PreviewArguments arguments)
    {
        using var http = new HttpClient { BaseAddress = arguments.Url, Timeout = TimeSpan.FromMinutes(2) };
        var reader = await BenchAccounts.RegisterAsync(http, "preview", "Reader");
        await BenchAccounts.SignInAsync(http, "preview", "Sender");
        http.DefaultRequestHeaders.Add("Tus-Resumable", TusCreate.Version);
        var channel = await CreateChannelAsync(http, reader);

        // Per file id: completed with the moment the reader's connection had the ready preview.
        var ready = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        TaskCompletionSource<long> ReadyOf(string fileId) =>
            ready.GetOrAdd(fileId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        await using var connection = new ChatConnection(new ChatConnectionOptions
        {
            HubUrl = new Uri(arguments.Url, "/hubs/chat"),
            AccessTokenProvider = () => Task.FromResult<string?>(reader.AccessToken),
        });
        connection.MessageChanged += message =>
        {
            if (message.Attachments is [{ PreviewState: PreviewStates.Ready } attachment])
            {
                ReadyOf(attachment.Id).TrySetResult(Stopwatch.GetTimestamp());
            }
        };
        await connection.StartAsync();
        connection.Track(channel, 0, 0);

        var fromUpload = new List<double>();
        var fromSend = new List<double>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var (fileId, uploaded) = await UploadAsync(http, Image(i, arguments.Pixels));
            using var send = await http.PostAsJsonAsync($"/api/conversations/{channel}/messages",
                new SendMessageRequest($"image {i}", $"preview-{i}", null, [fileId]));
            send.EnsureSuccessStatusCode();
            var sent = Stopwatch.GetTimestamp();
            long shown;
            try
            {
                shown = await ReadyOf(fileId).Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine($"image {i}: no ready preview within 60 s");
                return 1;
            }

            fromUpload.Add(Stopwatch.GetElapsedTime(uploaded, shown).TotalMilliseconds);
            fromSend.Add(Stopwatch.GetElapsedTime(sent, shown).TotalMilliseconds);
        }

        fromUpload.Sort();
        fromSend.Sort();
        Console.WriteLine($"previews: {arguments.Count} images of {arguments.Pixels}×{arguments.Pixels * 3 / 4} px through {arguments.Url}");
        Console.WriteLine($"upload complete → preview on the other member's screen ms: p50 {Percentiles.Of(fromUpload, 50):0} " +
            $"p99 {Percentiles.Of(fromUpload, 99):0} max {fromUpload[^1]:0}");
        Console.WriteLine($"send answered → preview ms: p50 {Percentiles.Of(fromSend, 50):0} p99 {Percentiles.Of(fromSend, 99):0}");
        return 0;
    }

    /// <summary>A PNG unlike every other one the run makes: a gradient with the image's number drawn in as a band.</summary>
    private static byte[] Image(int index, int width)
    {
        using var bitmap = new SKBitmap(width, width * 3 / 4);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, bitmap.Height),
                    [new SKColor((byte)index, 80, 160), new SKColor(240, (byte)(index * 7), 40)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, bitmap.Height, paint);
            using var band = new SKPaint { Color = new SKColor((byte)(index * 13), (byte)(255 - index), 0) };
            canvas.DrawRect(index % width, 0, 3, bitmap.Height, band);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task<(string FileId, long Completed)> UploadAsync(HttpClient http, byte[] image)
    {
        var location = await TusCreate.UploadAsync(http, image.Length, "bench.png", "image/png");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(image) };
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        using var patched = await http.SendAsync(patch);
        patched.EnsureSuccessStatusCode();
        return (patched.Headers.GetValues("Upload-File-Id").Single(), Stopwatch.GetTimestamp());
    }

    private static async Task<string> CreateChannelAsync(HttpClient http, AuthResponse member)
    {
        using var response = await http.PostAsJsonAsync("/api/conversations",
            new CreateConversationRequest("channel", $"previews {Guid.NewGuid():N}"[..20], null, "private", [member.User.Id]));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConversationDto>())!.Id;
    }
}
