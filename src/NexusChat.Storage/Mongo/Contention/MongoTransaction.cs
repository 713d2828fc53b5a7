using MongoDB.Driver;

namespace NexusChat.Storage.Mongo.Contention;

/// <summary>
/// One attempt of a transaction on a session, following the server's error labels as the driver's WithTransaction
/// does, but leaving the retry of a lost conflict to <see cref="ConflictBackoff"/>.
/// </summary>
internal static class MongoTransaction
{
    private const string TransientTransactionError = "TransientTransactionError";
    private const string UnknownTransactionCommitResult = "UnknownTransactionCommitResult";
    private const int CommitAttempts = 3;

    /// <summary>The whole transaction may be run again: nothing of it was committed (a write conflict, an election).</summary>
    public static bool IsConflict(Exception exception) =>
        exception is MongoException mongo && mongo.HasErrorLabel(TransientTransactionError);

    public static async Task<T> RunOnceAsync<T>(
        IClientSessionHandle session,
        TransactionOptions options,
        Func<IClientSessionHandle, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        session.StartTransaction(options);
        T result;
        try
        {
            result = await work(session, cancellationToken);
        }
        catch
        {
            await AbortAsync(session);
            throw;
        }

        await CommitAsync(session, cancellationToken);
        return result;
    }

    // A commit whose outcome is unknown may have happened, so it is the commit that is retried, never the work.
    private static async Task CommitAsync(IClientSessionHandle session, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await session.CommitTransactionAsync(cancellationToken);
                return;
            }
            catch (MongoException e) when (e.HasErrorLabel(UnknownTransactionCommitResult) && attempt < CommitAttempts)
            {
            }
        }
    }

    private static async Task AbortAsync(IClientSessionHandle session)
    {
        if (!session.IsInTransaction)
        {
            return;
        }

        try
        {
            // Not the caller's token: a cancelled request must still release the transaction's locks.
            await session.AbortTransactionAsync(CancellationToken.None);
        }
        catch (MongoException)
        {
            // The server aborts an abandoned transaction itself; the original error is the one to report.
        }
    }
}
