using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using NexusChat.Bench.Realtime;

namespace NexusChat.Bench.Uploads;

/// <summary>
/// One file of <c>--size</c> MiB sent with tus in <c>--chunk</c> MiB PATCHes, one after another as a tus client does,
/// to <c>--url</c> (the gateway, or an api replica's own port to leave the gateway out). The chunk's bytes are made once
/// and sent again for every chunk, so the client costs little; the server hashes and stores every byte all the same.
/// Reports MB/s, the time of a chunk and of the last one (which also completes the upload: hashing and storing the
/// file), and, when it finds the AppHost's processes, their CPU time and the api replicas' resident memory growth.
/// </summary>
public static class UploadBenchmark
{
    private const int MiB = 1024 * 1024;

    public static async Task<int> RunAsync(UploadArguments arguments)
    {
        using var http = new HttpClient { BaseAddress = arguments.Url, Timeout = TimeSpan.FromMinutes(10) };
        await BenchAccounts.SignInAsync(http, "upload", "Uploader");
        http.DefaultRequestHeaders.Add("Tus-Resumable", TusCreate.Version);
        var size = (long)arguments.SizeMiB * MiB;
        var location = await TusCreate.UploadAsync(http, size, "bench.bin", null);
        var chunk = new byte[Math.Min(arguments.ChunkMiB * (long)MiB, size)];
        Random.Shared.NextBytes(chunk);

        var processes = ServerProcesses.GatewayAndApi(arguments.Url);
        await using var watch = new ProcessWatch(processes);
        var chunkTimes = new List<double>();
        var total = Stopwatch.StartNew();
        for (var offset = 0L; offset < size;)
        {
            var length = (int)Math.Min(chunk.Length, size - offset);
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(chunk, 0, length) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
            {
                Console.Error.WriteLine($"PATCH at {offset} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return 1;
            }

            chunkTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            offset += length;
        }

        total.Stop();
        var seconds = total.Elapsed.TotalSeconds;
        Console.WriteLine($"upload: {arguments.SizeMiB} MiB in {arguments.ChunkMiB} MiB chunks to {arguments.Url} in {seconds:0.00} s = " +
            $"{size / 1e6 / seconds:0} MB/s ({arguments.SizeMiB / seconds:0} MiB/s)");
        var ordinary = chunkTimes.Count > 1 ? chunkTimes[..^1].Order().ToList() : chunkTimes;
        Console.WriteLine($"chunk ms: p50 {Percentiles.Of(ordinary, 50):0} max {ordinary[^1]:0}; last chunk (with completion) {chunkTimes[^1]:0}");
        watch.Report(seconds);
        return 0;
    }
}
