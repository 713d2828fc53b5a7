using System.Globalization;
using System.Text;
using NexusChat.Conversations;

namespace NexusChat.Worker.Operations.Alerts;

/// <summary>
/// How an alert reads in the operators' channel (Markdown), and the message id that makes it post once: Alertmanager
/// repeats a notification (every worker gets it, a group changes, the repeat interval passes), and the store's
/// idempotent send drops every repeat of the same fingerprint, start and status.
/// </summary>
public static class AlertText
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    /// <summary>Letters, digits and '-' (what a client message id allows), at most 64: the fingerprint is 16 hex digits.</summary>
    public static string? ClientMessageId(AlertmanagerAlert alert)
    {
        if (alert.Fingerprint is not { Length: > 0 and <= 32 } fingerprint || !fingerprint.All(char.IsAsciiLetterOrDigit)
            || alert.Status is not (Firing or Resolved))
        {
            return null;
        }

        return $"alert-{fingerprint}-{alert.StartsAt.ToUnixTimeSeconds()}-{(alert.Status == Firing ? "f" : "r")}";
    }

    public static string Of(AlertmanagerAlert alert)
    {
        var labels = alert.Labels ?? new Dictionary<string, string>();
        var annotations = alert.Annotations ?? new Dictionary<string, string>();
        var name = labels.GetValueOrDefault("alertname", "alert");
        var severity = labels.GetValueOrDefault("severity");
        var text = new StringBuilder();
        text.Append(alert.Status == Firing ? "🔥 **FIRING**" : "✅ **RESOLVED**")
            .Append(" · ").Append(Escape(name));
        if (severity is not null)
        {
            text.Append(" (").Append(Escape(severity)).Append(')');
        }

        if (annotations.GetValueOrDefault("summary") is { Length: > 0 } summary)
        {
            text.Append('\n').Append(Escape(summary));
        }

        if (alert.Status == Firing && annotations.GetValueOrDefault("description") is { Length: > 0 } description)
        {
            text.Append('\n').Append(Escape(description));
        }

        text.Append('\n').Append(alert.Status == Firing
            ? $"Since {Time(alert.StartsAt)}"
            : $"Lasted {Duration(alert.EndsAt - alert.StartsAt)} (from {Time(alert.StartsAt)} to {Time(alert.EndsAt)})");
        var shown = labels.Where(l => l.Key is not ("alertname" or "severity")).OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => $"`{l.Key}={l.Value.Replace('`', '\'')}`");
        text.Append(" · ").AppendJoin(' ', shown);
        var result = text.ToString();
        return result.Length <= MessageRules.MaxTextLength ? result : result[..(MessageRules.MaxTextLength - 1)] + "…";
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 0 } => "0 s",
        { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds} s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min {span.Seconds} s",
        _ => $"{(int)span.TotalHours} h {span.Minutes} min",
    };

    // Labels and annotations come from rules, not users, but stay text: no Markdown of their own.
    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '~' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
