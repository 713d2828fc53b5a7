using NexusChat.Client.Rest;
using NexusChat.Contracts.Accounts;

namespace NexusChat.Web.Client.Features.People;

/// <summary>
/// Display names by user id: messages and members carry only ids, so each user is fetched once and cached.
/// <see cref="Changed"/> fires when a name arrives, so whatever showed the placeholder can render again.
/// </summary>
public sealed class UserDirectory(UsersClient users)
{
    private readonly Dictionary<string, UserDto> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<UserDto?>> _fetching = new(StringComparer.Ordinal);

    public event Action? Changed;

    public void Remember(UserDto user) => _known[user.Id] = user;

    /// <summary>A newer copy of a user (e.g. the signed-in user's own profile change): remembered, and shown at once.</summary>
    public void Update(UserDto user)
    {
        _known[user.Id] = user;
        Changed?.Invoke();
    }

    public UserDto? Find(string userId) => _known.GetValueOrDefault(userId);

    /// <summary>The display name, or a neutral placeholder while it is fetched (the fetch starts here).</summary>
    public string NameOf(string userId)
    {
        if (_known.TryGetValue(userId, out var user))
        {
            return user.DisplayName;
        }

        _ = GetAsync(userId);
        return "…";
    }

    public Task<UserDto?> GetAsync(string userId)
    {
        if (_known.TryGetValue(userId, out var user))
        {
            return Task.FromResult<UserDto?>(user);
        }

        if (!_fetching.TryGetValue(userId, out var fetch))
        {
            fetch = _fetching[userId] = FetchAsync(userId);
        }

        return fetch;
    }

    private async Task<UserDto?> FetchAsync(string userId)
    {
        try
        {
            var user = await users.GetAsync(userId);
            _known[user.Id] = user;
            Changed?.Invoke();
            return user;
        }
        catch (Exception exception) when (exception is ApiProblemException or HttpRequestException)
        {
            // Unknown or unreachable now: a later NameOf tries again.
            return null;
        }
        finally
        {
            _fetching.Remove(userId);
        }
    }
}
