using NexusChat.Storage.Accounts;

namespace NexusChat.Tests.Storage;

public abstract partial class UserStoreContractTests
{
    [SkippableFact]
    public async Task AnAvatarIsStoredWithItsVersionOnTheUserAndReplacedAndRemovedWhole()
    {
        var store = await CreateStoreAsync(NewDatabase());
        var user = NewUser("ana", "Ana");
        await store.TryCreateAsync(user, TestTimeout());
        var first = new UserAvatar("v1", "image/webp", [1, 2, 3]);
        var second = new UserAvatar("v2", "image/png", [9, 8, 7, 6]);

        AssertSameUser(user with { AvatarVersion = "v1" }, await store.SetAvatarAsync(user.Id, first, TestTimeout()));
        AssertSameAvatar(first, await store.FindAvatarAsync(user.Id, TestTimeout()));
        AssertSameUser(user with { AvatarVersion = "v2" }, await store.SetAvatarAsync(user.Id, second, TestTimeout()));
        AssertSameAvatar(second, await store.FindAvatarAsync(user.Id, TestTimeout()));
        Assert.Equal("v2", (await store.FindByIdAsync(user.Id, TestTimeout()))?.AvatarVersion);
        Assert.Equal("v2", Assert.Single(await store.SearchAsync("ANA", null, 5, TestTimeout())).AvatarVersion);

        AssertSameUser(user, await store.SetAvatarAsync(user.Id, null, TestTimeout()));
        Assert.Null(await store.FindAvatarAsync(user.Id, TestTimeout()));
        AssertSameUser(user, await store.FindByIdAsync(user.Id, TestTimeout()));
    }

    [SkippableFact]
    public async Task TheAvatarOfAnUnknownUserIsNeitherSetNorFound()
    {
        var store = await CreateStoreAsync(NewDatabase());

        Assert.Null(await store.SetAvatarAsync("nobody", new UserAvatar("v1", "image/webp", [1]), TestTimeout()));
        Assert.Null(await store.FindAvatarAsync("nobody", TestTimeout()));
    }

    private static void AssertSameAvatar(UserAvatar expected, UserAvatar? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Version, expected.ContentType), (actual.Version, actual.ContentType));
        Assert.Equal(expected.Content, actual.Content);
    }
}
