using NexusChat.Contracts.Accounts;
using NexusChat.Storage.Accounts;

namespace NexusChat.Api.Accounts;

public static class UserMapping
{
    public static UserDto ToDto(this UserRecord user) => new(user.Id, user.Username, user.DisplayName, user.StatusMessage, user.AvatarVersion);
}
