using System.Globalization;

namespace NexusChat.Bench.Uploads;

/// <param name="SizeMiB">The file's size in MiB.</param>
/// <param name="ChunkMiB">The size of each tus PATCH in MiB.</param>
public sealed record UploadArguments(Uri Url, int SizeMiB, int ChunkMiB)
{
    public static UploadArguments Parse(string[] args)
    {
        var url = new Uri("http://localhost:5080");
        var size = 1024;
        var chunk = 64;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url": url = new Uri(args[i + 1]); break;
                case "--size": size = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--chunk": chunk = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return size > 0 && chunk is > 0 and <= 1024 ? new UploadArguments(url, size, chunk) : throw new ArgumentException("--size and --chunk must be positive, --chunk at most 1024");
    }
}
