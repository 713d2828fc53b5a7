using NexusChat.Web.Client.Shared;

namespace NexusChat.Tests.WebClient;

/// <summary>localStorage as a dictionary; a second store over the same instance is the page after a reload.</summary>
internal sealed class FakeBrowserStorage : IBrowserStorage
{
    public Dictionary<string, string> Items { get; } = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    public Task<string?> GetAsync(string key) => Task.FromResult(Items.GetValueOrDefault(key));

    public Task SetAsync(string key, string value)
    {
        Items[key] = value;
        Writes++;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string key)
    {
        Items.Remove(key);
        Writes++;
        return Task.CompletedTask;
    }
}
