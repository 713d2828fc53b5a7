using Microsoft.Extensions.DependencyInjection.Extensions;
using NexusChat.Storage.Files;

namespace NexusChat.Api.Uploads;

public static class UploadRegistration
{
    /// <summary>The tus endpoints' services: limits, the Redis state, the shared staging folder, the file store and the cleanup.</summary>
    public static IHostApplicationBuilder AddUploads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.MaxSize > 0 && o.QuotaPerUser > 0 && o.MaxConcurrentPerUser > 0,
                "Uploads:MaxSize, QuotaPerUser and MaxConcurrentPerUser must be positive")
            .Validate(o => o.Expiry > TimeSpan.Zero && o.CleanupInterval > TimeSpan.Zero,
                "Uploads:Expiry and CleanupInterval must be positive")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.AddSingleton(new StagingArea(Path.Combine(builder.FilesDirectory(), "staging")));
        builder.AddFileStore();
        builder.Services.AddHostedService<ExpiredUploadCleanup>();
        return builder;
    }
}
