using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Configuration;
using NexusChat.ServiceDefaults;
using NexusChat.Storage;
using NexusChat.Storage.Outbox;
using NexusChat.Worker.DeadLetters;
using NexusChat.Worker.Operations.Alerts;
using NexusChat.Worker.Previews;

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

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDeadLetterApi();
app.MapAlertWebhook();

app.Run();
