using System.Text.RegularExpressions;

namespace NexusChat.Tests.Operations;

/// <summary>
/// The series selectors in a PromQL expression, each reduced to its metric name and its <c>job</c> matcher: what must
/// exist for the expression to mean anything. Other matchers are dropped on purpose: an error-rate rule selects
/// 5xx responses, which a healthy app does not have. A small scan, not a parser: it handles the PromQL our rules and
/// dashboard use (aggregations with by/without, functions, ranges, binary operators).
/// </summary>
public static partial class PromQlSelectors
{
    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset", "inf", "nan", "by", "without", "on", "ignoring", "group_left", "group_right"];

    public static IReadOnlyList<string> Of(string expression)
    {
        var text = Grouping().Replace(expression, " ");
        text = Range().Replace(text, " ");
        var selectors = new List<string>();
        foreach (Match match in Selector().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (match.Groups["call"].Success || Keywords.Contains(name))
            {
                continue;
            }

            var job = JobMatcher().Match(match.Groups["labels"].Value);
            selectors.Add(job.Success ? $"{name}{{{job.Value}}}" : name);
        }

        return [.. selectors.Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<![\w:""])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?<labels>\{[^}]*\})?(?<call>\s*\()?")]
    private static partial Regex Selector();

    [GeneratedRegex(@"job\s*(=~|=|!=|!~)\s*""[^""]*""")]
    private static partial Regex JobMatcher();
}
