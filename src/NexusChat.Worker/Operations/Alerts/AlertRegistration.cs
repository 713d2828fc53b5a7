using NexusChat.Conversations.Attachments;
using NexusChat.Conversations.Commands;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NexusChat.Storage.Files;

namespace NexusChat.Worker.Operations.Alerts;

public static class AlertRegistration
{
    /// <summary>
    /// Alertmanager's webhook and the operators' channel, plus the gauges the alert rules read. Needs the chat store and
    /// the live push (<c>AddAttachmentPreviews</c> adds it); messages go through <see cref="ConversationCommands"/>.
    /// </summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
        builder.Services.AddSingleton<OperatorsChannel>();
        builder.Services.AddSingleton<CompletedFiles>();
        builder.Services.AddSingleton<ConversationCommands>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var filesDirectory = builder.FilesDirectory();
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<OperationsGauges>(sp, filesDirectory));
        return builder;
    }
}
