using Microsoft.Playwright;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NexusChat.Tests.EndToEnd;

/// <summary>
/// A measurement, not a check, so it runs only when asked (<c>NEXUSCHAT_MEASURE_BROWSER_CALLS=20</c>, see
/// bench/README.md "Calls"): N relayed 1:1 video calls between two fresh headless Chromium pages each, timed from the
/// accept click to media flowing both ways, reported as p50/p99 with every sample.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class BrowserCallSetupMeasurement(HostModeAppFixture fixture, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<BrowserFixture>
{
    private const string CountVariable = "NEXUSCHAT_MEASURE_BROWSER_CALLS";

    [SkippableFact]
    public async Task CallSetupTimeOverManyRelayedCalls()
    {
        Skip.IfNot(int.TryParse(Environment.GetEnvironmentVariable(CountVariable), out var count) && count > 0, $"{CountVariable} is not set");
        SetDefaultExpectTimeout(20_000);
        using var api = new ApiSetup(fixture);
        var ana = await api.RegisterAsync(ChatPageDriver.NewUsername("ana"), BrowserPerson.NewDisplayName("ana"));
        var ben = await api.RegisterAsync(ChatPageDriver.NewUsername("ben"), BrowserPerson.NewDisplayName("ben"));
        await api.CreateDirectAsync(ana, ben);

        var samples = new List<long>();
        for (var i = 0; i < count; i++)
        {
            // Fresh pages per call: every call starts from a signed-in, connected client, as a user's would.
            await using var caller = await BrowserPerson.OpenAsync(browser, fixture, ana.User.Username, ana.User.DisplayName, BrowserPerson.Desktop);
            await using var callee = await BrowserPerson.OpenAsync(browser, fixture, ben.User.Username, ben.User.DisplayName, BrowserPerson.Desktop);
            var (callerCall, calleeCall) = (await CallDriver.ForAsync(caller), await CallDriver.ForAsync(callee));
            foreach (var person in new[] { caller, callee })
            {
                await person.Driver.SignInAsync();
                await Expect(person.Driver.Banner).ToHaveAttributeAsync("data-state", "connected");
            }

            await caller.Driver.OpenConversationAsync(ben.User.DisplayName);
            await callerCall.StartCallAsync();
            var accepted = await calleeCall.AcceptAsync();
            await callerCall.WaitForMediaAsync(1, TimeSpan.FromSeconds(30));
            await calleeCall.WaitForMediaAsync(1, TimeSpan.FromSeconds(30));
            var setup = accepted.ElapsedMilliseconds;
            samples.Add(setup);
            output.WriteLine($"call {i + 1}: setup {setup} ms");
            await calleeCall.HangUpAsync();
            await Expect(callerCall.CallView).ToBeHiddenAsync();
        }

        samples.Sort();
        long Percentile(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
        output.WriteLine($"call setup over {samples.Count} relayed calls: p50 {Percentile(0.50)} ms, p99 {Percentile(0.99)} ms, "
            + $"min {samples[0]} ms, max {samples[^1]} ms");
    }
}
