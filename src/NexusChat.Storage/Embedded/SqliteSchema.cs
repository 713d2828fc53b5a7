namespace NexusChat.Storage.Embedded;

/// <summary>
/// The embedded store's schema as an ordered list of migrations; migration N brings the database to version N.
/// Append only: a released migration is never edited, a change is a new migration.
/// </summary>
public static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: bookkeeping only; feature tables arrive with their features.
        """
        CREATE TABLE IF NOT EXISTS store_info (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ];

    public static int CurrentVersion => Migrations.Count;
}
