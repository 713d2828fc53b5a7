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
        // 2: accounts. The unique index on normalized_username is what makes registration atomic across
        // processes; normalized_display_name is stored so a display-name prefix search can use an index.
        """
        CREATE TABLE IF NOT EXISTS users (
            id                      TEXT PRIMARY KEY,
            username                TEXT NOT NULL,
            normalized_username     TEXT NOT NULL UNIQUE,
            display_name            TEXT NOT NULL,
            normalized_display_name TEXT NOT NULL,
            status_message          TEXT NOT NULL,
            password_hash           TEXT NOT NULL,
            created_at              TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS users_normalized_display_name ON users (normalized_display_name);
        """,
    ];

    public static int CurrentVersion => Migrations.Count;
}
