using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NexusChat.ServiceDefaults;

namespace NexusChat.Tests.Telemetry;

/// <summary>A service's own spans under <c>AddServiceDefaults</c>, with the settings of <c>NexusChat:Telemetry</c>.</summary>
public sealed class TelemetrySettingsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public async Task AServiceSamplesItsOwnTracesByTheConfiguredRatio(string ratio, bool exported)
    {
        using var host = BuildService(ratio);
        using var cancellation = new CancellationTokenSource(Timeout);
        await host.StartAsync(cancellation.Token);
        using var source = new ActivitySource(host.Services.GetRequiredService<IHostEnvironment>().ApplicationName);

        using (var activity = source.StartActivity("sweep"))
        {
            Assert.NotNull(activity);
            Assert.True(activity.IsAllDataRequested);
            Assert.Equal(exported, activity.Recorded);
        }

        await host.StopAsync(cancellation.Token);
    }

    [Fact]
    public async Task AServiceWithASampleRatioAboveOneDoesNotStart()
    {
        using var host = BuildService("2");
        using var cancellation = new CancellationTokenSource(Timeout);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(cancellation.Token));

        Assert.Contains("TraceSampleRatio", failure.Message, StringComparison.Ordinal);
    }

    private static IHost BuildService(string ratio)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = $"Tests.Telemetry.{Guid.NewGuid():N}",
            DisableDefaults = true,
        });
        builder.Configuration["NexusChat:Telemetry:TraceSampleRatio"] = ratio;
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
