using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Configuration;
using NexusChat.ServiceDefaults;
using NexusChat.Storage;
using NexusChat.Storage.Outbox;
using NexusChat.Worker.Backups;
using NexusChat.Worker.DeadLetters;
using NexusChat.Worker.Operations.Alerts;
using NexusChat.Worker.Previews;

// `restore <backup> <fresh-data-dir>` lays a backup out as a data directory and exits; it starts nothing else.
if (args is [RestoreCommand.Name, .. var restoreArgs])
{
    return await RestoreCommand.RunAsync(restoreArgs, Console.Out, Console.Error);
}

// The worker serves HTTP only for health, metrics and its dead letters; its work arrives over RabbitMQ.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatStore();
builder.AddRedisDependency();
builder.AddMessagingDependency();

// The worker relays the store's outbox to RabbitMQ: every change the api and realtime replicas save is published
// from here, after the fact and until confirmed, so a broker outage never fails a send. The store registered its
// outbox (IOutboxStore) in AddChatStore.
// It is also where operators see and act on every subscriber's dead letters (realtime's as well as its own), and
// where attached files get their previews (thumbnails and image sizes) from its own queue.
builder.AddEventBus(ResourceNames.Worker)
    .AddOutboxRelay(relay => relay.WakeChannel = OutboxSignal.ChannelName)
    .AddDeadLetterOffice()
    .AddAttachmentPreviews(builder);
builder.AddOperations();

// It also backs up the embedded store, its files and the files index on a schedule (one worker per backup).
builder.AddStoreBackups();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDeadLetterApi();
app.MapAlertWebhook();

app.Run();
return 0;
