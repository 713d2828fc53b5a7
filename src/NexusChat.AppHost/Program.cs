using NexusChat.AppHost.Infrastructure;
using NexusChat.AppHost.Infrastructure.Monitoring;
using NexusChat.AppHost.Services;
using NexusChat.Contracts.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

InfrastructureResources infrastructure;
try
{
    infrastructure = builder.AddNexusChatInfrastructure();
}
catch (MissingHostServerException missing)
{
    // Stop at once with the install hint instead of leaving resources hanging in "Waiting".
    Console.Error.WriteLine(missing.Message);
    return 2;
}

var signingKeys = SigningKeys.Add(builder);

// The worker's dead-letter endpoints want it; the dashboard commands send it (Services/DeadLetterCommands.cs).
var operatorKey = builder.AddParameter(
    "operator-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

var api = builder.AddReplicatedProject<Projects.NexusChat_Api>(ResourceNames.Api).Configure(api => api
    .WithStore(infrastructure)
    .WithFileStorage(infrastructure)
    .WithDependency(infrastructure, infrastructure.Redis)
    .WithDependency(infrastructure, infrastructure.Messaging)
    .WithTurn(infrastructure)
    .WithSigningKeys(signingKeys));

var realtime = builder.AddReplicatedProject<Projects.NexusChat_Realtime>(ResourceNames.Realtime).Configure(realtime => realtime
    .WithStore(infrastructure)
    .WithDependency(infrastructure, infrastructure.Redis)
    .WithDependency(infrastructure, infrastructure.Messaging)
    .WithSigningKeys(signingKeys));

// Two workers: they compete for the event queues, and the store's relay lease picks the one that relays the outbox,
// so killing either delays events by a lease at most (src/NexusChat.EventBus/Outbox/RelayLeadership.cs).
builder.AddReplicatedProject<Projects.NexusChat_Worker>(ResourceNames.Worker, defaultCount: 2).Configure(worker => worker
    .WithStore(infrastructure)
    .WithFileStorage(infrastructure)
    .WithDependency(infrastructure, infrastructure.Redis)
    .WithDependency(infrastructure, infrastructure.Messaging)
    .WithDeadLetterCommands(operatorKey));

builder.AddProject<Projects.NexusChat_Web>(ResourceNames.Web)
    .WithInstanceId(ResourceNames.Web)
    .WithServiceSettings(builder.Configuration, ResourceNames.Web)
    .WithGatewayRoutes(api, realtime)
    .WithGatewayEndpoints(builder, infrastructure.Settings.WebPort);

builder.AddMonitoring(infrastructure, operatorKey);
builder.PrintTopologyOnStart(infrastructure);
builder.Build().Run();
return 0;
