using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Storage.Files;

public static class FileStoreRegistration
{
    /// <summary>The folder the replicas share for files (<see cref="ServiceSettingKeys.FilesDirectory"/>).</summary>
    public static string FilesDirectory(this IHostApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[ServiceSettingKeys.FilesDirectory]
            ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "files"));

    /// <summary>
    /// Completed files beside the conversations: GridFS in the MongoDB database when the store is MongoDB, else the
    /// <c>completed</c> folder under <see cref="FilesDirectory"/>. Call after <c>AddChatStore</c>.
    /// </summary>
    public static IHostApplicationBuilder AddFileStore(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[ServiceSettingKeys.StoreProvider] == ServiceSettingKeys.MongoProvider)
        {
            builder.Services.AddSingleton<IFileStore>(sp => new GridFsFileStore(sp.GetRequiredService<IMongoDatabase>()));
        }
        else
        {
            var folder = Path.Combine(builder.FilesDirectory(), "completed");
            builder.Services.AddSingleton<IFileStore>(new FilesystemFileStore(folder));
        }

        return builder;
    }
}
