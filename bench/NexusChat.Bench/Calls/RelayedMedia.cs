using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NexusChat.Contracts.Calls;

namespace NexusChat.Bench.Calls;

/// <summary>
/// Relayed media through our coturn, as two browsers that both need the relay would send it: coturn's own
/// <c>turnutils_uclient -y</c> (Debian's coturn package) allocates two relays with the credentials the api hands a
/// user (<c>GET /api/calls/ice-servers</c>) and streams UDP between them both ways. Host mode relays on 127.0.0.1, so
/// the AppHost must run with <c>NexusChat__Turn__AllowLoopbackPeers=true</c>.
/// </summary>
public static partial class RelayedMedia
{
    public sealed record Session(long SentBytes, long ReceivedBytes, double Seconds, double LossPercent, double RoundTripMs, string? Failure);

    public static async Task<Session> RunAsync(HttpClient http, string accessToken, CallArguments arguments, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/ice-servers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var servers = (await response.Content.ReadFromJsonAsync<IceServersResponse>(cancellationToken))!;
        var turn = servers.IceServers.First(s => s.Username is not null);
        var address = new Uri(turn.Urls.First(u => u.StartsWith("turn:", StringComparison.Ordinal)).Split('?')[0].Replace("turn:", "turn://", StringComparison.Ordinal));
        var messages = arguments.RelaySeconds * 1000 / arguments.PacketIntervalMs;
        var start = new ProcessStartInfo("turnutils_uclient")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-y", "-c", "-u", turn.Username!, "-w", turn.Credential!, "-p", address.Port.ToString(CultureInfo.InvariantCulture),
                "-n", messages.ToString(CultureInfo.InvariantCulture), "-l", arguments.PacketBytes.ToString(CultureInfo.InvariantCulture),
                "-z", arguments.PacketIntervalMs.ToString(CultureInfo.InvariantCulture), address.Host,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await output + await errors;
        var bytes = BytesPattern().Matches(text).LastOrDefault();
        var lost = LossPattern().Match(text);
        if (bytes is null || !lost.Success)
        {
            return new Session(0, 0, 0, 100, 0, text.Contains("Forbidden IP", StringComparison.Ordinal) ? "403 Forbidden IP (loopback peers not allowed?)"
                : text.Contains("Cannot complete Allocation", StringComparison.Ordinal) ? "allocation refused" : $"uclient exit {process.ExitCode}");
        }

        return new Session(
            long.Parse(bytes.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(bytes.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(TimePattern().Match(text).Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(lost.Groups[1].Value, CultureInfo.InvariantCulture),
            RoundTripPattern().Match(text) is { Success: true } rtt ? double.Parse(rtt.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            null);
    }

    [GeneratedRegex(@"tot_send_bytes ~ (\d+), tot_recv_bytes ~ (\d+)")]
    private static partial Regex BytesPattern();

    [GeneratedRegex(@"Total lost packets \d+ \(([\d.]+)%\)")]
    private static partial Regex LossPattern();

    [GeneratedRegex(@"Total transmit time is (\d+)")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"Average round trip delay ([\d.]+) ms")]
    private static partial Regex RoundTripPattern();
}
