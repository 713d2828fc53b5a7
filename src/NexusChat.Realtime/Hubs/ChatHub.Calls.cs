using NexusChat.Contracts.Calls;

namespace NexusChat.Realtime.Hubs;

/// <summary>Audio and video calls: signaling only; the media goes peer to peer (or through coturn). See docs/calls.md.</summary>
public sealed partial class ChatHub
{
    public Task<CallDto> StartCall(string conversationId, string kind, IReadOnlyList<string>? invitees) =>
        calls.StartAsync(UserId, Context.ConnectionId, conversationId, kind, invitees, Context.ConnectionAborted);

    public Task<CallDto> JoinCall(string callId) => calls.JoinAsync(UserId, Context.ConnectionId, callId, Context.ConnectionAborted);

    public Task DeclineCall(string callId) => calls.DeclineAsync(UserId, callId, Context.ConnectionAborted);

    public Task LeaveCall(string callId) => calls.LeaveAsync(UserId, Context.ConnectionId, callId, Context.ConnectionAborted);

    public Task<CallDto> SetCallMedia(string callId, bool muted, bool cameraOn) =>
        calls.SetMediaAsync(UserId, callId, muted, cameraOn, Context.ConnectionAborted);

    public Task SendCallSignal(string callId, string toConnectionId, string type, string payload) =>
        calls.SignalAsync(UserId, Context.ConnectionId, callId, toConnectionId, type, payload);

    public Task ReportCallMedia(string callId, string path, int setupMilliseconds) =>
        mediaReports.ReportAsync(UserId, Context.ConnectionId, callId, path, setupMilliseconds);

    public Task<CallDto?> GetCall(string conversationId) => calls.GetAsync(UserId, conversationId, Context.ConnectionAborted);
}
