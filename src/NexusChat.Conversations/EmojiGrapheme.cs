using System.Globalization;

namespace NexusChat.Conversations;

/// <summary>
/// Whether a string is exactly one emoji, as Unicode's emoji sequences are built (UTS #51): a flag (two regional
/// indicators), a keycap (<c>[0-9#*]</c>, optional U+FE0F, U+20E3), or pictographs joined by U+200D, each optionally
/// followed by U+FE0F, a skin-tone modifier or a tag sequence (subdivision flags). Written by hand because our NuGet
/// source serves no emoji-classification package (ICU4N is an old alpha without Extended_Pictographic) and .NET has no
/// emoji property; the pictographs are Unicode's Extended_Pictographic set (emoji-data.txt, ranges merged), which also
/// reserves the unassigned code points future emoji will take, so new emoji are accepted without an update here.
/// </summary>
internal static class EmojiGrapheme
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int EmojiPresentation = 0xFE0F;
    private const int CombiningKeycap = 0x20E3;
    private const int CancelTag = 0xE007F;

    // Extended_Pictographic, sorted, adjacent ranges merged.
    private static readonly (int First, int Last)[] Pictographic =
    [
        (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139),
        (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328), (0x2388, 0x2388), (0x23CF, 0x23CF),
        (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0),
        (0x25FB, 0x25FE), (0x2600, 0x2605), (0x2607, 0x2612), (0x2614, 0x2685), (0x2690, 0x2705), (0x2708, 0x2712),
        (0x2714, 0x2714), (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2728, 0x2728), (0x2733, 0x2734),
        (0x2744, 0x2744), (0x2747, 0x2747), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757),
        (0x2763, 0x2767), (0x2795, 0x2797), (0x27A1, 0x27A1), (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2934, 0x2935),
        (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D),
        (0x3297, 0x3297), (0x3299, 0x3299), (0x1F000, 0x1F0FF), (0x1F10D, 0x1F10F), (0x1F12F, 0x1F12F),
        (0x1F16C, 0x1F171), (0x1F17E, 0x1F17F), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1AD, 0x1F1E5),
        (0x1F201, 0x1F20F), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F23A), (0x1F23C, 0x1F23F),
        (0x1F249, 0x1F3FA), (0x1F400, 0x1F53D), (0x1F546, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F774, 0x1F77F),
        (0x1F7D5, 0x1F7FF), (0x1F80C, 0x1F80F), (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F), (0x1F888, 0x1F88F),
        (0x1F8AE, 0x1F8FF), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1FAFF), (0x1FC00, 0x1FFFD),
    ];

    /// <summary>True when <paramref name="text"/> is one user-perceived character that is one emoji.</summary>
    public static bool IsSingleEmoji(string text)
    {
        // One grapheme first: two emoji side by side are two graphemes, whatever each is.
        if (text.Length == 0 || new StringInfo(text).LengthInTextElements != 1)
        {
            return false;
        }

        // Unpaired surrogates become U+FFFD here, which is no pictograph.
        int[] codePoints = [.. text.EnumerateRunes().Select(r => r.Value)];
        return IsFlag(codePoints) || IsKeycap(codePoints) || IsPictographSequence(codePoints);
    }

    private static bool IsFlag(int[] codePoints) =>
        codePoints is [var first, var second] && IsRegionalIndicator(first) && IsRegionalIndicator(second);

    private static bool IsKeycap(int[] codePoints) =>
        codePoints is [_, CombiningKeycap] or [_, EmojiPresentation, CombiningKeycap]
        && codePoints[0] is 0x23 or 0x2A or (>= 0x30 and <= 0x39);

    // element (ZWJ element)*, where element = pictograph [FE0F] [skin tone] [tag+ cancel-tag].
    private static bool IsPictographSequence(int[] codePoints)
    {
        var i = 0;
        while (true)
        {
            if (i >= codePoints.Length || !IsPictographic(codePoints[i++]))
            {
                return false;
            }

            i += Next(codePoints, i) == EmojiPresentation ? 1 : 0;
            i += IsSkinTone(Next(codePoints, i)) ? 1 : 0;
            if (IsTag(Next(codePoints, i)))
            {
                while (IsTag(Next(codePoints, i)))
                {
                    i++;
                }

                if (Next(codePoints, i++) != CancelTag)
                {
                    return false;
                }
            }

            if (i == codePoints.Length)
            {
                return true;
            }

            if (codePoints[i++] != ZeroWidthJoiner)
            {
                return false;
            }
        }
    }

    private static int Next(int[] codePoints, int index) => index < codePoints.Length ? codePoints[index] : -1;

    private static bool IsRegionalIndicator(int codePoint) => codePoint is >= 0x1F1E6 and <= 0x1F1FF;

    private static bool IsSkinTone(int codePoint) => codePoint is >= 0x1F3FB and <= 0x1F3FF;

    private static bool IsTag(int codePoint) => codePoint is >= 0xE0020 and <= 0xE007E;

    private static bool IsPictographic(int codePoint)
    {
        var (low, high) = (0, Pictographic.Length - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (first, last) = Pictographic[middle];
            if (codePoint < first)
            {
                high = middle - 1;
            }
            else if (codePoint > last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
