using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NexusChat.ServiceDefaults.Telemetry;
using OpenTelemetry.Trace;

namespace NexusChat.Tests.Telemetry;

/// <summary>
/// Real HttpClient requests through OpenTelemetry's HttpClient instrumentation with our filter, as the gateway's
/// active health checks make them (on a timer, so with no parent) and as a request of ours calls another service.
/// </summary>
public sealed class ProbeTracingTests : IAsyncLifetime
{
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly SampledTracing _tracing = new(ratio: 1, builder => builder
        .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = Probes.ShouldTraceOutgoing));
    private Task _serving = Task.CompletedTask;

    private int Port => ((IPEndPoint)_server.LocalEndpoint).Port;

    [Theory]
    [InlineData("/alive")]
    [InlineData("/health")]
    [InlineData("/metrics")]
    public async Task AProbeThatNoRequestCausedIsNotTraced(string path)
    {
        await GetAsync(path);

        Assert.DoesNotContain(ExportedUrls(), url => url.EndsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherRequestThatNoRequestCausedIsTraced()
    {
        await GetAsync("/api/status");

        Assert.Contains(ExportedUrls(), url => url.EndsWith("/api/status", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProbeMadeWhileHandlingARequestIsTracedAsPartOfIt()
    {
        using (_tracing.Source.StartActivity("GET /api/status", ActivityKind.Server))
        {
            await GetAsync("/health");
        }

        Assert.Contains(ExportedUrls(), url => url.EndsWith("/health", StringComparison.Ordinal));
    }

    public Task InitializeAsync()
    {
        _server.Start();
        _serving = ServeAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _tracing.Dispose();
        _stop.Dispose();
    }

    private async Task GetAsync(string path)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{Port}{path}"), _stop.Token);
        response.EnsureSuccessStatusCode();
    }

    // Other tests' HttpClient spans may reach this provider too (it listens to System.Net.Http): only ours count.
    private List<string> ExportedUrls() =>
    [
        .. _tracing.Exported
            .Select(span => span.GetTagItem("url.full") as string)
            .OfType<string>()
            .Where(url => url.StartsWith($"http://127.0.0.1:{Port}/", StringComparison.Ordinal)),
    ];

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var connection = await _server.AcceptTcpClientAsync(cancellationToken);
            var stream = connection.GetStream();
            var request = new byte[4096];
            var read = 0;
            // Enough of HTTP/1.1 for a GET: read the head, answer 200 with no body, close.
            while (!Encoding.ASCII.GetString(request, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                read += await stream.ReadAsync(request.AsMemory(read), cancellationToken);
            }

            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
        }
    }
}
