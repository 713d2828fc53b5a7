using System.Globalization;

namespace NexusChat.Web.Client.Features.Files;

/// <summary>Sizes, speeds and durations as people read them: "4.2 MB", "12 MB/s", "3 min left".</summary>
public static class FileSizes
{
    // Decimal units, as browsers' download lists and operating systems' file managers show sizes.
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>Whole bytes below 1 KB; one decimal below 10 of a unit ("9.5 MB"), none from there ("12 MB").</summary>
    public static string Human(long bytes)
    {
        double value = Math.Max(bytes, 0);
        var unit = 0;
        while (value >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        if (unit == 0)
        {
            return $"{value.ToString("0", CultureInfo.InvariantCulture)} B";
        }

        // Rounded before choosing the format, so 9.96 MB reads "10 MB" rather than "10.0 MB".
        var rounded = Math.Round(value, value < 9.95 ? 1 : 0);
        if (rounded >= 1000 && unit < Units.Length - 1)
        {
            (rounded, unit) = (1, unit + 1);
        }

        var format = rounded < 10 ? "0.0" : "0";
        return $"{rounded.ToString(format, CultureInfo.InvariantCulture)} {Units[unit]}";
    }

    public static string Speed(double bytesPerSecond) => $"{Human((long)Math.Round(bytesPerSecond))}/s";

    /// <summary>"less than a second", "40 s", "3 min", "1 h 5 min": rounded up, since people plan by the longer figure.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration.TotalSeconds < 1)
        {
            return "less than a second";
        }

        var seconds = (long)Math.Ceiling(duration.TotalSeconds);
        if (seconds < 60)
        {
            return $"{seconds} s";
        }

        var minutes = (seconds + 59) / 60;
        return minutes < 60 ? $"{minutes} min"
            : minutes % 60 == 0 ? $"{minutes / 60} h"
            : $"{minutes / 60} h {minutes % 60} min";
    }
}
