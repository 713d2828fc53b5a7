using NexusChat.Worker.Operations.Alerts;

namespace NexusChat.Tests.Operations;

public sealed class AlertTextTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);

    private static AlertmanagerAlert Alert(string status, string? fingerprint = "0123abcd4567ef89", DateTimeOffset? endsAt = null) => new(
        status,
        new Dictionary<string, string> { ["alertname"] = "NexusChatReplicaDown", ["severity"] = "critical", ["replica"] = "api-2", ["job"] = "api" },
        new Dictionary<string, string> { ["summary"] = "api-2 is down", ["description"] = "Prometheus cannot scrape *api-2*." },
        Start,
        endsAt ?? DateTimeOffset.MinValue,
        fingerprint);

    [Fact]
    public void AFiringAlertSaysWhatWhyAndSinceWhenWithItsLabelsAsCode()
    {
        var text = AlertText.Of(Alert(AlertText.Firing));

        Assert.Equal(
            "🔥 **FIRING** · NexusChatReplicaDown (critical)\napi-2 is down\nPrometheus cannot scrape \\*api-2\\*.\n"
            + "Since 2026-11-30 23:00:00 UTC · `job=api` `replica=api-2`",
            text);
    }

    [Fact]
    public void AResolvedAlertSaysHowLongItLasted()
    {
        var text = AlertText.Of(Alert(AlertText.Resolved, endsAt: Start.AddMinutes(3).AddSeconds(12)));

        Assert.StartsWith("✅ **RESOLVED** · NexusChatReplicaDown (critical)\napi-2 is down\nLasted 3 min 12 s", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot scrape", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FiringAndResolvedOfOneAlertPostOnceEachAndAnotherStartIsAnotherAlert()
    {
        var firing = AlertText.ClientMessageId(Alert(AlertText.Firing));
        var resolved = AlertText.ClientMessageId(Alert(AlertText.Resolved));
        var again = AlertText.ClientMessageId(Alert(AlertText.Firing) with { StartsAt = Start.AddHours(1) });

        Assert.Equal("alert-0123abcd4567ef89-1796079600-f", firing);
        Assert.Equal(firing, AlertText.ClientMessageId(Alert(AlertText.Firing)));
        Assert.NotEqual(firing, resolved);
        Assert.NotEqual(firing, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../etc")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    public void AnAlertWithoutAUsableFingerprintIsNotPosted(string? fingerprint) =>
        Assert.Null(AlertText.ClientMessageId(Alert(AlertText.Firing, fingerprint)));

    [Fact]
    public void AnUnknownStatusIsNotPosted() => Assert.Null(AlertText.ClientMessageId(Alert("pending")));
}
