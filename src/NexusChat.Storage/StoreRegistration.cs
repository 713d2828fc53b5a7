using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.ServiceDefaults;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Mongo;
using NexusChat.Storage.Outbox;

namespace NexusChat.Storage;

public static class StoreRegistration
{
    /// <summary>
    /// Registers the store the AppHost chose (<c>NexusChat:Store:Provider</c>): the MongoDB replica set from
    /// the <c>mongo</c> connection string, or the embedded SQLite database at <c>NexusChat:Store:EmbeddedPath</c>.
    /// </summary>
    public static IHostApplicationBuilder AddChatStore(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration[ServiceSettingKeys.StoreProvider] ?? ServiceSettingKeys.EmbeddedProvider;
        switch (provider)
        {
            case ServiceSettingKeys.MongoProvider:
                var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Mongo)
                    ?? throw new InvalidOperationException($"The mongo store needs ConnectionStrings:{ResourceNames.Mongo}.");
                builder.Services.AddSingleton(MongoStoreClient.Create(connectionString));
                builder.Services.AddSingleton<IStoreLifecycle, MongoStoreLifecycle>();
                builder.Services.AddSingleton<IUserStore, MongoUserStore>();
                builder.Services.AddSingleton<IConversationStore, MongoConversationStore>();
                builder.Services.AddSingleton<IOutboxStore, MongoOutbox>();
                builder.Services.AddSingleton<IOutboxRelayLease, MongoOutboxRelayLease>();
                // The driver emits OpenTelemetry spans under its own source once a tracer listens to it.
                builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("MongoDB.Driver"));
                break;
            case ServiceSettingKeys.EmbeddedProvider:
                var path = builder.Configuration[ServiceSettingKeys.EmbeddedStorePath]
                    ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "nexuschat.db");
                builder.Services.AddSingleton(new SqliteConnectionFactory(path, backgroundCheckpoints: true));
                builder.Services.AddHostedService<SqliteCheckpoints>();
                builder.Services.AddSingleton<IStoreLifecycle, SqliteStoreLifecycle>();
                builder.Services.AddSingleton<IUserStore, SqliteUserStore>();
                builder.Services.AddSingleton<IConversationStore, SqliteConversationStore>();
                builder.Services.AddSingleton<IOutboxStore, SqliteOutbox>();
                builder.Services.AddSingleton<IOutboxRelayLease, SqliteOutboxRelayLease>();
                break;
            default:
                throw new InvalidOperationException(
                    $"{ServiceSettingKeys.StoreProvider} is '{provider}'; expected {ServiceSettingKeys.MongoProvider} or {ServiceSettingKeys.EmbeddedProvider}.");
        }

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<StoreInitializer>();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>(
            ServiceSettingKeys.StoreDependency, tags: [Extensions.DependencyTag], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }
}
