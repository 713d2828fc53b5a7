namespace NexusChat.Api.Uploads;

/// <summary>
/// tus core: every request but OPTIONS names the protocol version it speaks (Tus-Resumable), a version we do not
/// speak gets 412 with the versions we do, and every response names ours.
/// </summary>
public sealed class TusResumableFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers[TusProtocol.Resumable] = TusProtocol.Version;
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers[TusProtocol.Resumable] != TusProtocol.Version)
        {
            http.Response.Headers[TusProtocol.VersionHeader] = TusProtocol.Version;
            return UploadProblems.UnsupportedVersion();
        }

        return await next(context);
    }
}
