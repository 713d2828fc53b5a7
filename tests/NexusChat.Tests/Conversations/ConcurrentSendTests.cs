using System.Net;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Conversations;

[Collection(HostModeAppCollection.Name)]
public sealed class ConcurrentSendTests(HostModeAppFixture fixture)
{
    private const int Senders = 20;
    private const int MessagesEach = 50;

    [Fact]
    public async Task TwentySendersThroughThreeReplicasGetSeqOneToAThousandWithNoGapAndRetriesAddNothing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var senders = new List<AuthResponse>();
        for (var i = 0; i < Senders; i++)
        {
            using var api = new ApiClient(fixture, $"api-{i % 3 + 1}");
            senders.Add(await api.RegisterAsync());
        }

        using var owner = new ApiClient(fixture, "api-1");
        using var created = await owner.PostAsync("/api/conversations",
            new CreateConversationRequest("channel", "load", null, "private", senders.Skip(1).Select(s => s.User.Id).ToList()),
            senders[0].AccessToken);
        var channel = (await created.Content.ReadFromJsonAsync<ConversationDto>(timeout.Token))!;

        var firstPass = await SendAllAsync(channel.Id, senders, expectCreated: true, timeout.Token);
        var retryPass = await SendAllAsync(channel.Id, senders, expectCreated: false, timeout.Token);

        Assert.Equal(Enumerable.Range(1, Senders * MessagesEach).Select(i => (long)i), firstPass.Values.Select(m => m.Seq).Order());
        Assert.Equal(firstPass.ToDictionary(p => p.Key, p => p.Value.Id), retryPass.ToDictionary(p => p.Key, p => p.Value.Id));
        // Each sender's messages keep the order they were sent in.
        foreach (var sender in senders)
        {
            var seqs = firstPass.Values.Where(m => m.SenderId == sender.User.Id).OrderBy(m => m.ClientMessageId, StringComparer.Ordinal).Select(m => m.Seq);
            Assert.Equal(seqs.Order(), seqs);
        }

        using var reader = new ApiClient(fixture, "api-2");
        var conversation = await (await reader.GetAsync($"/api/conversations/{channel.Id}", senders[0].AccessToken))
            .Content.ReadFromJsonAsync<ConversationDto>(timeout.Token);
        Assert.Equal(Senders * MessagesEach, conversation!.LastSeq);
    }

    /// <summary>Every sender sends its messages one after another through its own replica, all senders at once.</summary>
    private async Task<Dictionary<string, MessageDto>> SendAllAsync(
        string conversationId, List<AuthResponse> senders, bool expectCreated, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(senders.Select((sender, index) => Task.Run(async () =>
        {
            using var api = new ApiClient(fixture, $"api-{index % 3 + 1}");
            var sent = new List<MessageDto>();
            for (var i = 0; i < MessagesEach; i++)
            {
                var clientMessageId = $"{index:D2}-{i:D3}";
                using var response = await api.PostAsync($"/api/conversations/{conversationId}/messages",
                    new SendMessageRequest($"message {i} from {index}", clientMessageId, null), sender.AccessToken);
                Assert.Equal(expectCreated ? HttpStatusCode.Created : HttpStatusCode.OK, response.StatusCode);
                sent.Add((await response.Content.ReadFromJsonAsync<MessageDto>(cancellationToken))!);
            }

            return sent;
        }, cancellationToken)));
        return results.SelectMany(r => r).ToDictionary(m => m.ClientMessageId);
    }
}
