using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// Sits between a page and the chat hub (Playwright WebSocket routing) and, while <see cref="Failing"/>, answers the
/// page's SendMessage invocations itself with the error completion a server sends when the method throws, instead of
/// passing them on: to the page a send failed, and the server never saw it. Everything else passes both ways.
/// Installed before the page connects; the web client speaks SignalR's JSON protocol (records end with 0x1E).
/// </summary>
public sealed partial class FailingHubSends
{
    private const char RecordSeparator = '\u001e';
    private int _failed;

    // Read on Playwright's dispatch thread, set on the test's.
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    /// <summary>How many sends were answered with an error.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public Task InstallAsync(IPage page) => page.RouteWebSocketAsync(HubPath(), Route);

    private void Route(IWebSocketRoute page)
    {
        var server = page.ConnectToServer();
        page.OnMessage(frame =>
        {
            if (frame.Text is not { } text)
            {
                server.Send(frame.Binary ?? []);
                return;
            }

            // One frame may carry several records; only the sends are held back.
            var passed = new StringBuilder();
            foreach (var record in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (Failing && SendInvocationId(record) is { } invocationId)
                {
                    Interlocked.Increment(ref _failed);
                    page.Send(ServerError(invocationId));
                }
                else
                {
                    passed.Append(record).Append(RecordSeparator);
                }
            }

            if (passed.Length > 0)
            {
                server.Send(passed.ToString());
            }
        });
    }

    /// <summary>The invocation id of a SendMessage (or SendMessageWithAttachments) invocation; null for any other record.</summary>
    private static string? SendInvocationId(string record) =>
        JsonNode.Parse(record) is JsonObject message
        && message["type"]?.GetValue<int>() == 1
        && message["target"]?.GetValue<string>() is { } target && target.StartsWith("SendMessage", StringComparison.Ordinal)
            ? message["invocationId"]?.GetValue<string>()
            : null;

    private static string ServerError(string invocationId) => new JsonObject
    {
        ["type"] = 3,
        ["invocationId"] = invocationId,
        ["error"] = "An unexpected error occurred invoking 'SendMessage' on the server.",
    }.ToJsonString() + RecordSeparator;

    [GeneratedRegex("/hubs/chat")]
    private static partial Regex HubPath();
}
