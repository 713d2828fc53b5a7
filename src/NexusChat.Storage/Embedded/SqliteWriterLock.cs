using System.Runtime.InteropServices;

namespace NexusChat.Storage.Embedded;

/// <summary>
/// The embedded store's writers on this host (every api and realtime replica, the worker) queue for SQLite's single
/// write lock. SQLite makes a blocked writer sleep and retry on a fixed schedule (1, 2, 5, 10, 15, 20, 25, … ms), so
/// under contention a write waited for the schedule, not for the writer ahead of it: that was most of a send's tail.
/// An advisory lock file taken before BEGIN IMMEDIATE lets the kernel wake the next process the moment the lock is
/// released. Hand-written (open(2) and flock(2) through P/Invoke) because .NET's FileStream.Lock only tries without
/// waiting, and a file opened through .NET already carries a shared flock of its own (its FileShare emulation), which
/// an exclusive flock would wait on forever. Elsewhere than Linux it does nothing and SQLite's own wait applies.
/// </summary>
public sealed class SqliteWriterLock : IDisposable
{
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private const int LockExclusive = 2;
    private const int Unlock = 8;
    private const int Interrupted = 4;

    private readonly int _fd = -1;

    public SqliteWriterLock(string databasePath)
    {
        if (OperatingSystem.IsLinux())
        {
            _fd = Open(databasePath + ".writer-lock", ReadWrite | Create | CloseOnExec, Convert.ToInt32("644", 8));
            if (_fd < 0)
            {
                throw new IOException($"cannot open the store's writer lock file (errno {Marshal.GetLastPInvokeError()})");
            }
        }
    }

    /// <summary>Waits (on a pool thread: the group-commit loop is the only caller in a process) until this process holds it.</summary>
    public Task AcquireAsync() => _fd < 0 ? Task.CompletedTask : Task.Run(() => Call(LockExclusive));

    public void Release()
    {
        if (_fd >= 0)
        {
            Call(Unlock);
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Close(_fd);
        }
    }

    private void Call(int operation)
    {
        int result;
        do
        {
            result = Flock(_fd, operation);
        }
        while (result != 0 && Marshal.GetLastPInvokeError() == Interrupted);

        if (result != 0)
        {
            throw new IOException($"flock on the store's writer lock failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    // DllImport rather than LibraryImport: the generated stubs would need unsafe code for a few ints and a path.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
