using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace NexusChat.Storage.Embedded;

/// <summary>
/// Group commit: the writes a process has waiting run one after another in one BEGIN IMMEDIATE transaction, each in
/// its own savepoint, and one commit answers them all. SQLite admits one writer per database, and the embedded store
/// is shared by every replica on the host: a transaction per send made each send queue for the lock (and sleep in
/// SQLite's busy handler) on its own; now the sends that piled up meanwhile take the lock once. Each write reads what
/// the ones before it in the batch wrote (the next seq, an existing client message id), so the rules are those of
/// one transaction per write. Written by hand: Microsoft.Data.Sqlite has no batching of independent callers.
/// </summary>
public sealed class SqliteGroupCommit(SqliteConnectionFactory connections, SqliteWriterLock writerLock)
{
    /// <summary>Most writes one transaction takes; the rest wait for the next, so one batch cannot hold the lock long.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;

    public Task<T> WriteAsync<T>(Func<SqliteWrite, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureStarted();
        var pending = new PendingWrite<T>(write, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The embedded store's writer has stopped.");
        }

        return pending.Task;
    }

    private void EnsureStarted()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_startLock)
        {
            // The loop serves every caller: it must not carry the first one's context (its trace) along.
            using (ExecutionContext.SuppressFlow())
            {
                _loop ??= Task.Run(RunAsync);
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (!pending.CancelIfRequested())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var done = new List<PendingWrite>(batch.Count);
        var waiting = Stopwatch.GetTimestamp();
        var locked = false;
        try
        {
            await writerLock.AcquireAsync();
            locked = true;
            await using var connection = await connections.OpenAsync(CancellationToken.None);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var holding = Stopwatch.GetTimestamp();
            foreach (var pending in batch)
            {
                await using var savepoint = connection.CreateCommand();
                savepoint.Transaction = transaction;
                savepoint.CommandText = "SAVEPOINT write;";
                await savepoint.ExecuteNonQueryAsync();
                var write = new SqliteWrite(connection, transaction);
                var succeeded = await pending.RunAsync(write);
                savepoint.CommandText = succeeded && !write.Discarded
                    ? "RELEASE write;"
                    : "ROLLBACK TO write; RELEASE write;";
                await savepoint.ExecuteNonQueryAsync();
                if (succeeded)
                {
                    done.Add(pending);
                }
            }

            await transaction.CommitAsync();
            SqliteWriteMetrics.Batch(batch.Count, Stopwatch.GetElapsedTime(waiting, holding), Stopwatch.GetElapsedTime(holding));
        }
        catch (Exception exception)
        {
            // The transaction could not begin or commit: nothing of the batch is stored, so nobody is told otherwise.
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }

            return;
        }
        finally
        {
            // A failed acquire fails this batch only; the loop goes on with the next.
            if (locked)
            {
                writerLock.Release();
            }
        }

        // Answered only after the commit: a caller must never act on (push, return) what could still roll back.
        foreach (var pending in done)
        {
            pending.Complete();
        }
    }

    private abstract class PendingWrite
    {
        /// <summary>Runs the write; false when it threw, and its caller has been given the exception.</summary>
        public abstract Task<bool> RunAsync(SqliteWrite write);

        public abstract bool CancelIfRequested();

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteWrite, Task<T>> write, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // The write runs on the batch loop, not in its caller's context: what it records (the outbox row's trace
        // parent) must still name the caller's trace.
        private readonly Activity? _activity = Activity.Current;
        private T _result = default!;

        public Task<T> Task => _answer.Task;

        public override async Task<bool> RunAsync(SqliteWrite sqlite)
        {
            Activity.Current = _activity;
            try
            {
                _result = await write(sqlite);
                return true;
            }
            catch (Exception exception)
            {
                _answer.TrySetException(exception);
                return false;
            }
            finally
            {
                Activity.Current = null;
            }
        }

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _answer.TrySetCanceled(cancellationToken);

        public override void Complete() => _answer.TrySetResult(_result);

        public override void Fail(Exception exception) => _answer.TrySetException(exception);
    }
}
