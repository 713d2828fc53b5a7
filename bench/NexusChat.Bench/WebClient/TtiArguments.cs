using System.Globalization;

namespace NexusChat.Bench.WebClient;

/// <summary>Options of the <c>tti</c> mode; see bench/README.md, "Web client: time to interactive".</summary>
public sealed record TtiArguments(Uri Url, int Runs, string ChromiumPath)
{
    public static TtiArguments Parse(string[] args)
    {
        var parsed = new TtiArguments(new Uri("http://127.0.0.1:5099"), 5, "/usr/bin/chromium");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            parsed = args[i] switch
            {
                "--url" => parsed with { Url = new Uri(Next()) },
                "--runs" => parsed with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--chromium" => parsed with { ChromiumPath = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return parsed.Runs > 0 ? parsed : throw new ArgumentException("--runs must be at least 1");
    }
}
