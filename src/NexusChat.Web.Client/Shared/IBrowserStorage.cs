namespace NexusChat.Web.Client.Shared;

/// <summary>The browser's localStorage (shared by the tabs of this origin); a seam so stores are tested without a browser.</summary>
public interface IBrowserStorage
{
    Task<string?> GetAsync(string key);

    Task SetAsync(string key, string value);

    Task RemoveAsync(string key);
}
