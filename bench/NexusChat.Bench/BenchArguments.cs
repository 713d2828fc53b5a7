namespace NexusChat.Bench;

public sealed record BenchArguments(Uri Url, int Count, int Clients)
{
    public static BenchArguments Parse(string[] args)
    {
        var url = new Uri("http://localhost:5080");
        var count = 1000;
        var clients = 1;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url": url = new Uri(args[i + 1]); break;
                case "--count": count = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new BenchArguments(url, count, clients);
    }
}
