using System.Globalization;

namespace NexusChat.Bench.Previews;

/// <param name="Count">Images sent, one after another.</param>
/// <param name="Pixels">Each image's width (its height is three quarters of it).</param>
public sealed record PreviewArguments(Uri Url, int Count, int Pixels)
{
    public static PreviewArguments Parse(string[] args)
    {
        var url = new Uri("http://localhost:5080");
        var count = 50;
        var pixels = 1600;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url": url = new Uri(args[i + 1]); break;
                case "--count": count = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--pixels": pixels = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return count > 0 && pixels is >= 16 and <= 8000 ? new PreviewArguments(url, count, pixels) : throw new ArgumentException("--count must be positive, --pixels 16 to 8000");
    }
}
