namespace NexusChat.Tests.Hosting;

/// <summary>Command-line settings that make an AppHost under test independent of the developer's own run.</summary>
public static class AppHostArguments
{
    /// <summary>
    /// Sign-ins and registrations per client address per minute in the app under test. Every browser test reaches the
    /// api through the gateway from 127.0.0.1, so the production 10 would make them wait on each other.
    /// </summary>
    public const int PerAddressLimit = 40;

    /// <summary>
    /// <c>/api/status</c> answers per client address per replica in 10 s. Tests ask for it through the gateway from
    /// 127.0.0.1 dozens of times in a row (spreading checks), more than the production 30.
    /// </summary>
    public const int StatusPerAddressLimit = 100;

    /// <summary>The app's access-token signing key, so tests can mint tokens (e.g. short-lived ones) as the api does.</summary>
    public const string SigningKey = "test-signing-key-0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>How often the realtime replicas re-check their connections' sessions (30 s in production).</summary>
    public static readonly TimeSpan SessionRecheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The key the worker's dead-letter endpoints want, so tests can call them as an operator does.</summary>
    public const string OperatorKey = "test-operator-key-0123456789abcdef";

    /// <summary>How often the api replicas look for expired uploads (1 min in production).</summary>
    public static readonly TimeSpan UploadCleanupInterval = TimeSpan.FromSeconds(1);

    /// <summary>coturn's shared secret, so tests can sign TURN credentials the api would not hand out (expired ones).</summary>
    public const string TurnSecret = "test-turn-secret-0123456789abcdefghij";

    /// <summary>How long a call rings before it is missed (30 s in production).</summary>
    public static readonly TimeSpan CallRingTimeout = TimeSpan.FromSeconds(4);

    /// <summary>How long a call participant nobody renews keeps their place (15 s in production; renewed every second here).</summary>
    public static readonly TimeSpan CallParticipantTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The username the worker makes an admin of the operators' channel (alerts land there).</summary>
    public const string Operator = "opswatcher";

    public static string[] For(string infrastructure, string dataDirectory) =>
    [
        $"--NexusChat:Infrastructure={infrastructure}",
        $"--NexusChat:DataDirectory={dataDirectory}",
        // DCP cleans up after the test host exits; waiting for it would add ≈15 s per AppHost.
        "--DcpPublisher:WaitForResourceCleanup=false",
        $"--NexusChat:Services:api:RateLimits:LoginPerIp:PermitLimit={PerAddressLimit}",
        $"--NexusChat:Services:api:RateLimits:RegistrationPerIp:PermitLimit={PerAddressLimit}",
        $"--NexusChat:Services:api:Status:PerAddress:PermitLimit={StatusPerAddressLimit}",
        $"--Parameters:jwt-signing-key={SigningKey}",
        $"--Parameters:operator-key={OperatorKey}",
        $"--Parameters:turn-secret={TurnSecret}",
        // Every peer of a test call is on 127.0.0.1, where coturn relays only when told to.
        "--NexusChat:Turn:AllowLoopbackPeers=true",
        $"--NexusChat:Services:realtime:Sessions:RecheckInterval={SessionRecheckInterval:c}",
        $"--NexusChat:Services:api:Uploads:CleanupInterval={UploadCleanupInterval:c}",
        $"--NexusChat:Services:realtime:Calls:RingTimeout={CallRingTimeout:c}",
        $"--NexusChat:Services:realtime:Calls:ParticipantTimeout={CallParticipantTimeout:c}",
        "--NexusChat:Services:realtime:Calls:RenewInterval=00:00:01",
        "--NexusChat:Services:realtime:Calls:SweepInterval=00:00:00.500",
        // Prometheus and Alertmanager at test speed: an alert fires a second after its `for`, and is posted at once.
        "--NexusChat:Monitoring:ScrapeInterval=00:00:01",
        "--NexusChat:Monitoring:EvaluationInterval=00:00:01",
        "--NexusChat:Monitoring:GroupWait=00:00:01",
        "--NexusChat:Monitoring:GroupInterval=00:00:02",
        $"--NexusChat:Services:worker:Alerts:Operators:0={Operator}",
    ];
}
