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
        // 3: conversations, messages and the outbox. direct_key (the sorted user pair) is unique, so a direct
        // conversation exists once per pair however many replicas create it. The message unique constraints turn a
        // duplicate seq or a retried client message id into a refused row instead of a second copy. Messages have an
        // INTEGER PRIMARY KEY because the FTS5 external-content index refers to rows by rowid, and only an alias
        // for the rowid survives VACUUM unchanged. Reactions and outbox rows use their rowid as arrival order.
        """
        CREATE TABLE IF NOT EXISTS conversations (
            id               TEXT PRIMARY KEY,
            type             TEXT NOT NULL,
            name             TEXT,
            topic            TEXT,
            visibility       TEXT,
            direct_key       TEXT UNIQUE,
            created_by       TEXT NOT NULL,
            created_at       TEXT NOT NULL,
            last_activity_at TEXT NOT NULL,
            last_seq         INTEGER NOT NULL,
            version          INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS members (
            conversation_id TEXT NOT NULL REFERENCES conversations (id),
            user_id         TEXT NOT NULL,
            role            TEXT NOT NULL,
            last_read_seq   INTEGER NOT NULL,
            joined_at       TEXT NOT NULL,
            PRIMARY KEY (conversation_id, user_id)
        );
        CREATE INDEX IF NOT EXISTS members_user ON members (user_id, conversation_id);
        CREATE TABLE IF NOT EXISTS messages (
            pk                INTEGER PRIMARY KEY,
            id                TEXT NOT NULL UNIQUE,
            conversation_id   TEXT NOT NULL REFERENCES conversations (id),
            seq               INTEGER NOT NULL,
            sender_id         TEXT NOT NULL,
            text              TEXT,
            created_at        TEXT NOT NULL,
            edited_at         TEXT,
            deleted           INTEGER NOT NULL,
            reply_to_id       TEXT,
            mentions          TEXT NOT NULL,
            client_message_id TEXT NOT NULL,
            version           INTEGER NOT NULL,
            UNIQUE (conversation_id, seq),
            UNIQUE (conversation_id, client_message_id)
        );
        CREATE INDEX IF NOT EXISTS messages_version ON messages (conversation_id, version);
        CREATE TABLE IF NOT EXISTS reactions (
            pk         INTEGER PRIMARY KEY,
            message_pk INTEGER NOT NULL REFERENCES messages (pk),
            emoji      TEXT NOT NULL,
            user_id    TEXT NOT NULL,
            UNIQUE (message_pk, emoji, user_id)
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5 (text, content = 'messages', content_rowid = 'pk');
        CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts (rowid, text) VALUES (new.pk, new.text);
        END;
        CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
        END;
        CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF text ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
            INSERT INTO messages_fts (rowid, text) VALUES (new.pk, new.text);
        END;
        CREATE TABLE IF NOT EXISTS outbox (
            pk           INTEGER PRIMARY KEY,
            event_id     TEXT NOT NULL UNIQUE,
            event_type   TEXT NOT NULL,
            payload      TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            trace_parent TEXT,
            published_at TEXT
        );
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (pk) WHERE published_at IS NULL;
        """,
        // 4: the public channel directory. normalized_name is the upper-invariant name the store writes, so a
        // case-insensitive prefix search is a range over the partial index, which holds public channels only and is
        // already in (name, id) page order. Existing rows are filled with SQLite's upper(), which folds ASCII letters
        // only: a channel named before this version with other cased letters matches as typed until it is renamed.
        """
        ALTER TABLE conversations ADD COLUMN normalized_name TEXT;
        UPDATE conversations SET normalized_name = upper(name) WHERE name IS NOT NULL;
        CREATE INDEX IF NOT EXISTS conversations_public_by_name ON conversations (normalized_name, id)
            WHERE type = 'channel' AND visibility = 'public';
        """,
        // 5: a client message id is unique per (conversation, sender), not per conversation: with the narrower key a
        // member who reused another's id got that member's message back and their own text was dropped. SQLite cannot
        // drop a table constraint, so the messages table is rebuilt (https://sqlite.org/lang_altertable.html#otheralter;
        // the lifecycle runs migrations with foreign keys off and checks them before committing). The new key is
        // wider, so every existing row fits it. pk is copied, so the FTS index and the reactions keep pointing at the
        // same rows; the index and triggers went with the old table and are created again.
        """
        CREATE TABLE messages_new (
            pk                INTEGER PRIMARY KEY,
            id                TEXT NOT NULL UNIQUE,
            conversation_id   TEXT NOT NULL REFERENCES conversations (id),
            seq               INTEGER NOT NULL,
            sender_id         TEXT NOT NULL,
            text              TEXT,
            created_at        TEXT NOT NULL,
            edited_at         TEXT,
            deleted           INTEGER NOT NULL,
            reply_to_id       TEXT,
            mentions          TEXT NOT NULL,
            client_message_id TEXT NOT NULL,
            version           INTEGER NOT NULL,
            UNIQUE (conversation_id, seq),
            UNIQUE (conversation_id, sender_id, client_message_id)
        );
        INSERT INTO messages_new (pk, id, conversation_id, seq, sender_id, text, created_at, edited_at, deleted,
                                  reply_to_id, mentions, client_message_id, version)
        SELECT pk, id, conversation_id, seq, sender_id, text, created_at, edited_at, deleted,
               reply_to_id, mentions, client_message_id, version
        FROM messages;
        DROP TABLE messages;
        ALTER TABLE messages_new RENAME TO messages;
        CREATE INDEX messages_version ON messages (conversation_id, version);
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts (rowid, text) VALUES (new.pk, new.text);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.pk, old.text);
            INSERT INTO messages_fts (rowid, text) VALUES (new.pk, new.text);
        END;
        """,
        // 6: published outbox rows are purged after a retention window (the relay's OutboxPurge); this partial index
        // finds the old ones in order without reading the pending or the young rows.
        """
        CREATE INDEX IF NOT EXISTS outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
        """,
        // 7: attachments. The message row keeps its attachments as JSON (read with the message, like mentions); the
        // attachments table is the download's access index: by file id, one row per message carrying it, joined to
        // members by conversation. A delete removes the message's rows, so a tombstone grants no download.
        """
        ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE IF NOT EXISTS attachments (
            file_id         TEXT NOT NULL,
            message_pk      INTEGER NOT NULL REFERENCES messages (pk),
            conversation_id TEXT NOT NULL,
            name            TEXT NOT NULL,
            content_type    TEXT NOT NULL,
            size            INTEGER NOT NULL,
            sha256          TEXT NOT NULL,
            PRIMARY KEY (file_id, message_pk)
        );
        CREATE INDEX IF NOT EXISTS attachments_message ON attachments (message_pk);
        """,
        // 8: previews. The worker's result per attachment (AttachmentPreview as JSON; NULL on older rows: pending) sits
        // in the access index too, so the thumbnail route answers from the same one lookup as the download.
        """
        ALTER TABLE attachments ADD COLUMN preview TEXT;
        """,
        // 9: threads. A reply names its root in thread_id and takes the conversation's next seq like any message; the
        // root keeps its ThreadSummary as JSON (NULL until its first reply), written in the reply's transaction. The
        // partial index pages a thread's replies by seq and holds replies only.
        """
        ALTER TABLE messages ADD COLUMN thread_id TEXT;
        ALTER TABLE messages ADD COLUMN also_to_channel INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE messages ADD COLUMN thread TEXT;
        CREATE INDEX IF NOT EXISTS messages_thread ON messages (thread_id, seq) WHERE thread_id IS NOT NULL;
        """,
        // 10: per-member mute (each member's own setting, followed by all their devices). Existing members are not muted.
        """
        ALTER TABLE members ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
        """,
        // 11: avatars. A 128 px WebP of a few KB lives on the user's row; user reads select the version only, so the
        // image is read only where it is served.
        """
        ALTER TABLE users ADD COLUMN avatar_version TEXT;
        ALTER TABLE users ADD COLUMN avatar_type TEXT;
        ALTER TABLE users ADD COLUMN avatar BLOB;
        """,
        // 12: call history. A call's history message keeps its MessageCallDto as JSON (NULL on every other message).
        """
        ALTER TABLE messages ADD COLUMN call TEXT;
        """,
        // 13: the outbox relay lease. One row names the worker that relays the outbox and until when; only it publishes,
        // so batches leave in outbox order with any number of workers, and another takes over once the row expires.
        """
        CREATE TABLE IF NOT EXISTS outbox_lease (
            name       TEXT PRIMARY KEY,
            holder     TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        """,
    ];

    public static int CurrentVersion => Migrations.Count;
}
