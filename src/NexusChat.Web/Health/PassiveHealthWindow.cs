using Yarp.ReverseProxy.Health;

namespace NexusChat.Web.Health;

public static class PassiveHealthWindow
{
    /// <summary>How far back the passive check counts failed requests, and so how long an ejected replica sits out.</summary>
    public static readonly TimeSpan DetectionWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// YARP reactivates a destination ejected by the transport-failure-rate policy after the longer of the cluster's
    /// ReactivationPeriod (5 s here) and this window (60 s by default, dotnet/yarp#1194): a realtime replica that
    /// was killed and restarted stayed out of rotation for a minute after the WebSockets it held failed.
    /// </summary>
    public static IServiceCollection AddPassiveHealthWindow(this IServiceCollection services) =>
        services.Configure<TransportFailureRateHealthPolicyOptions>(options => options.DetectionWindowSize = DetectionWindow);
}
