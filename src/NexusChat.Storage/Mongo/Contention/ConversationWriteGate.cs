namespace NexusChat.Storage.Mongo.Contention;

/// <summary>
/// Lets one writer per conversation into its transaction at a time within this process: writers of one replica would
/// only write-conflict with each other on the conversation document, so they queue here instead and conflicts are
/// left to writers on different replicas. Striped rather than one lock per conversation, so memory stays fixed; two
/// conversations that share a stripe merely take turns.
/// </summary>
public sealed class ConversationWriteGate
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The conversation's turn, or null when it did not come within <paramref name="wait"/>.</summary>
    public async Task<IDisposable?> EnterAsync(string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes)];
        return await stripe.WaitAsync(wait, cancellationToken) ? new Turn(stripe) : null;
    }

    private sealed class Turn(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
