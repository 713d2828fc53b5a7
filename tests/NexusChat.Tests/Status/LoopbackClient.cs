using System.Net;
using System.Net.Sockets;

namespace NexusChat.Tests.Status;

/// <summary>
/// An HttpClient whose connections come from <paramref name="localAddress"/>, any address of 127.0.0.0/8 (Linux
/// routes the whole block to the loopback interface), so a test can be a client with an address of its own.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient Create(IPAddress localAddress, int port) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = new Uri($"http://localhost:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>A random loopback address other than 127.0.0.1, which every other test shares.</summary>
    public static IPAddress RandomAddress() =>
        IPAddress.Parse($"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
}
