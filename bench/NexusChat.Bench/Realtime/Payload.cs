using System.Diagnostics;
using System.Globalization;

namespace NexusChat.Bench.Realtime;

/// <summary>
/// Message text that carries the sending connection and the send time (<see cref="Stopwatch"/> ticks: sender and
/// receivers share this process, so no clock sync is needed), padded to the requested size.
/// </summary>
public static class Payload
{
    private const int HeaderLength = 8 + 1 + 20;

    public static string Create(int sender, long timestamp, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"{sender:D8}|{timestamp:D20}").PadRight(Math.Max(size, HeaderLength), 'x');

    public static bool TryRead(string? text, out int sender, out long timestamp)
    {
        sender = 0;
        timestamp = 0;
        return text is { Length: >= HeaderLength }
            && int.TryParse(text.AsSpan(0, 8), NumberStyles.None, CultureInfo.InvariantCulture, out sender)
            && long.TryParse(text.AsSpan(9, 20), NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
    }
}
