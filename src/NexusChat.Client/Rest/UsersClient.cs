using NexusChat.Contracts.Accounts;

namespace NexusChat.Client.Rest;

/// <summary>/api/users: the signed-in user and the people directory.</summary>
public sealed class UsersClient(RestTransport transport)
{
    public Task<UserDto> GetMeAsync(CancellationToken cancellationToken = default) =>
        transport.SendAsync<UserDto>(HttpMethod.Get, "api/users/me", null, cancellationToken);

    public Task<UserDto> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        transport.SendAsync<UserDto>(HttpMethod.Get, $"api/users/{Uri.EscapeDataString(userId)}", null, cancellationToken);

    /// <summary>Makes a completed upload of the caller's their picture; the answer carries the new avatar version.</summary>
    public Task<UserDto> SetAvatarAsync(string fileId, CancellationToken cancellationToken = default) =>
        transport.SendAsync<UserDto>(HttpMethod.Put, "api/users/me/avatar", new SetAvatarRequest(fileId), cancellationToken);

    public Task<UserDto> RemoveAvatarAsync(CancellationToken cancellationToken = default) =>
        transport.SendAsync<UserDto>(HttpMethod.Delete, "api/users/me/avatar", null, cancellationToken);

    /// <summary>The picture's path; the version in it makes the answer cacheable for good.</summary>
    public static string AvatarPath(string userId, string version) =>
        $"api/users/{Uri.EscapeDataString(userId)}/avatar?v={Uri.EscapeDataString(version)}";

    /// <summary>Users whose username or display name starts with <paramref name="text"/>.</summary>
    public Task<Page<UserDto>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default) =>
        transport.SendAsync<Page<UserDto>>(HttpMethod.Get,
            $"api/users?search={Uri.EscapeDataString(text)}&limit={limit}", null, cancellationToken);
}
