using Microsoft.Extensions.DependencyInjection.Extensions;
using NexusChat.Contracts.Hosting;
using NexusChat.Storage.Embedded;

namespace NexusChat.Worker.Backups;

public static class BackupRegistration
{
    /// <summary>
    /// Scheduled backups of the embedded store, its files and the files index (<see cref="BackupOptions"/>). Nothing
    /// is registered for MongoDB, whose backups are the database's own (docs/hosting.md). Call after <c>AddChatStore</c>
    /// and after the file store is registered (the previews register it).
    /// </summary>
    public static IHostApplicationBuilder AddStoreBackups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section)
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.Keep > 0, $"{BackupOptions.Section}:Interval must be at least 1 s and Keep positive")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        if (builder.Configuration[ServiceSettingKeys.StoreProvider] == ServiceSettingKeys.MongoProvider || !options.Enabled)
        {
            return builder;
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new BackupFolder(Path.GetFullPath(options.Directory
            ?? Path.Combine(Path.GetDirectoryName(sp.GetRequiredService<SqliteConnectionFactory>().Path)!, "backups"))));
        builder.Services.AddSingleton<BackupWriter>();
        builder.Services.AddSingleton<BackupLease>();
        builder.Services.AddSingleton<BackupMetrics>();
        builder.Services.AddSingleton<BackupRunner>();
        builder.Services.AddHostedService<BackupScheduler>();
        return builder;
    }
}
