using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using NexusChat.AppHost.Infrastructure;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Tests.Hosting;

/// <summary>
/// Container-mode MongoDB across AppHost runs and machines, checked on the application model and on the config
/// documents (no container engine or MongoDB server runs here: a real restart is verified only by hand).
/// </summary>
public sealed class MongoContainerModeTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("nexuschat-mongo-model-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task ASecondRunOnTheSameDataAdvertisesTheSameMemberAddresses()
    {
        var first = await MongoConnectionStringAsync();
        var second = await MongoConnectionStringAsync();

        Assert.Contains("host.docker.internal:", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public void AKeptPortThatSomethingElseHoldsNowIsReplacedAndTheReplacementKept()
    {
        var kept = MongoMemberPorts.Resolve(_dataDirectory, 3);
        using var squatter = new TcpListener(IPAddress.Loopback, kept[1]);
        squatter.Start();

        var next = MongoMemberPorts.Resolve(_dataDirectory, 3);
        squatter.Stop();

        Assert.Equal(kept[0], next[0]);
        Assert.NotEqual(kept[1], next[1]);
        Assert.Equal(kept[2], next[2]);
        Assert.Equal(next, MongoMemberPorts.Resolve(_dataDirectory, 3));
    }

    [Fact]
    public void AConfigNamingOldAddressesMovesEachMemberToItsNewAddressUnderAHigherVersion()
    {
        var stored = ReplicaSetConfig.Initial("rs0", ["host.docker.internal:1001", "host.docker.internal:1002", "host.docker.internal:1003"]);
        stored["version"] = 4;
        stored["settings"] = new BsonDocument("electionTimeoutMillis", 10000);
        string[] now = ["host.docker.internal:2001", "host.docker.internal:1002", "host.docker.internal:2003"];

        var moved = ReplicaSetConfig.MovedTo(stored, now);

        Assert.NotNull(moved);
        Assert.Equal(5, moved["version"].ToInt64());
        Assert.Equal(now, moved["members"].AsBsonArray.Select(m => m["host"].AsString));
        Assert.Equal([2, 1, 1], moved["members"].AsBsonArray.Select(m => m["priority"].ToInt32()));
        Assert.Equal(stored["settings"], moved["settings"]);
        Assert.Equal("host.docker.internal:1001", stored["members"][0]["host"].AsString);
    }

    [Fact]
    public void AConfigAlreadyAtTheAddressesOrWithStrangeMembersIsLeftAlone()
    {
        string[] hosts = ["a:1", "b:2", "c:3"];
        var stored = ReplicaSetConfig.Initial("rs0", hosts);
        stored["version"] = 1;

        Assert.Null(ReplicaSetConfig.MovedTo(stored, hosts));
        Assert.Null(ReplicaSetConfig.MovedTo(stored, ["a:1", "b:2"]));
    }

    [Fact]
    public void WhereTheHostCannotResolveTheMembersNameTheAppHostStopsWithTheFix()
    {
        var problem = ContainerHostAlias.Problem(_ => false);

        Assert.NotNull(problem);
        Assert.Contains("echo '127.0.0.1 host.docker.internal' | sudo tee -a /etc/hosts", problem, StringComparison.Ordinal);
        Assert.Contains("--NexusChat:Infrastructure=host", problem, StringComparison.Ordinal);
        Assert.Null(ContainerHostAlias.Problem(name => name == ContainerHostAlias.Name));
    }

    [Fact]
    public async Task TheContainerModelRefusesToStartWhereTheHostCannotResolveTheMembersName()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NexusChat_AppHost>(
            AppHostArguments.For("container", _dataDirectory), timeout.Token);
        var starting = new BeforeStartEvent(builder.Services.BuildServiceProvider(), new DistributedApplicationModel(builder.Resources));

        var start = builder.Eventing.PublishAsync(starting, timeout.Token);

        if (ContainerHostAlias.Resolves(ContainerHostAlias.Name))
        {
            await start;
        }
        else
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => start);
            Assert.Equal(ContainerHostAlias.Problem(_ => false), refused.Message);
        }
    }

    private async Task<string> MongoConnectionStringAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NexusChat_AppHost>(
            AppHostArguments.For("container", _dataDirectory), timeout.Token);
        var mongo = (IResourceWithConnectionString)builder.Resources.Single(r => r.Name == ResourceNames.Mongo);
        return await mongo.GetConnectionStringAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("no connection string");
    }
}
