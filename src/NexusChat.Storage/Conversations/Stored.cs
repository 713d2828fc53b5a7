namespace NexusChat.Storage.Conversations;

/// <summary>The result of an idempotent create: what is stored, and whether this call stored it.</summary>
public sealed record Stored<T>(T Value, bool Created);
