using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;

namespace NexusChat.Api.Uploads;

/// <summary>
/// Resumable uploads with the tus 1.0.0 protocol under <c>/api/uploads</c>, so any tus client (tus-js-client in the
/// browser) can send a file in chunks and resume after a network drop, on any replica. Hand-written because our NuGet
/// source serves no tus server package (tusdotnet is not there); it implements only what <see cref="TusProtocol"/>
/// announces. The chunk endpoint is in <see cref="UploadChunks"/>.
/// </summary>
public static class UploadsApi
{
    private const int MaxMetadataValueLength = 255;

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/api/uploads").WithTags("Uploads").RequireAuthorization()
            .AddEndpointFilter<TusResumableFilter>();
        // Discovery needs no account: it tells what the server supports, nothing about anyone's uploads.
        uploads.MapMethods("/", [HttpMethods.Options], DescribeServer).WithName(nameof(DescribeServer)).AllowAnonymous()
            .WithSummary("tus discovery: version, extensions, checksum algorithm and largest upload.");
        uploads.MapPost("/", CreateUpload).WithName(nameof(CreateUpload))
            .WithSummary("tus creation: announce an upload (Upload-Length, Upload-Metadata filename/filetype); 201 with its Location.");
        uploads.MapMethods("/{id}", [HttpMethods.Head], GetUploadOffset).WithName(nameof(GetUploadOffset))
            .WithSummary("The upload's offset and length (and Upload-File-Id once complete).");
        uploads.MapPatch("/{id}", UploadChunks.AppendChunk).WithName(nameof(UploadChunks.AppendChunk))
            // The body limit is the upload's own remaining length, enforced while streaming; Kestrel's 2 MiB stays elsewhere.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute())
            .WithSummary("Append a chunk at Upload-Offset (application/offset+octet-stream, optional Upload-Checksum sha256).");
        uploads.MapDelete("/{id}", DeleteUpload).WithName(nameof(DeleteUpload))
            .WithSummary("tus termination: abandon an upload and free its bytes.");
        return app;
    }

    /// <summary>
    /// A chunk, or the offset check a client makes before resuming: the requests a large file multiplies, so they
    /// have their own rate limit. Known by the endpoint routing chose (it runs before the rate limit).
    /// </summary>
    public static bool IsChunkTraffic(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
            is nameof(UploadChunks.AppendChunk) or nameof(GetUploadOffset);

    public static NoContent DescribeServer(HttpContext http, Microsoft.Extensions.Options.IOptions<UploadOptions> options)
    {
        var headers = http.Response.Headers;
        headers[TusProtocol.VersionHeader] = TusProtocol.Version;
        headers[TusProtocol.ExtensionHeader] = TusProtocol.Extensions;
        headers[TusProtocol.ChecksumAlgorithmHeader] = TusProtocol.ChecksumAlgorithm;
        headers[TusProtocol.MaxSizeHeader] = options.Value.MaxSize.ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created, ProblemHttpResult>> CreateUpload([AsParameters] UploadServices services)
    {
        var request = services.Http.Request.Headers;
        if (!long.TryParse(request[TusProtocol.UploadLength], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return UploadProblems.BadHeader(TusProtocol.UploadLength, "required, a whole number of bytes (Upload-Defer-Length is not supported).");
        }

        if (length > services.Limits.MaxSize)
        {
            return UploadProblems.TooLarge(services.Limits.MaxSize);
        }

        var metadata = TusProtocol.ParseMetadata(request[TusProtocol.UploadMetadata]);
        if (metadata is null || metadata.Values.Any(value => value.Length > MaxMetadataValueLength))
        {
            return UploadProblems.BadHeader(TusProtocol.UploadMetadata,
                $"comma-separated \"key base64(value)\" pairs, each value at most {MaxMetadataValueLength} characters.");
        }

        var upload = new UploadRecord(Guid.NewGuid().ToString("N"), services.CallerId, length, 0,
            services.Time.GetUtcNow() + services.Limits.Expiry, metadata.GetValueOrDefault("filename"),
            metadata.GetValueOrDefault("filetype"), FileId: null);
        // The staging file exists before the upload does, so no replica ever finds an upload without one.
        services.Staging.Create(upload.Id);
        var outcome = await services.Uploads.CreateAsync(upload, services.Limits);
        if (outcome != UploadStore.CreateOutcome.Created)
        {
            services.Staging.Delete(upload.Id);
            return outcome == UploadStore.CreateOutcome.TooManyUploads
                ? UploadProblems.TooManyUploads(services.Limits.MaxConcurrentPerUser)
                : UploadProblems.OverQuota(services.Limits.QuotaPerUser);
        }

        services.DescribeOnResponse(upload);
        return TypedResults.Created($"/api/uploads/{upload.Id}");
    }

    public static async Task<Results<Ok, ProblemHttpResult>> GetUploadOffset(string id, [AsParameters] UploadServices services)
    {
        if (await services.FindOwnAsync(id) is not { } upload)
        {
            return Problems.NotFound("upload");
        }

        services.DescribeOnResponse(upload);
        services.Http.Response.Headers[TusProtocol.UploadLength] = upload.Length.ToString(CultureInfo.InvariantCulture);
        services.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUpload(string id, [AsParameters] UploadServices services)
    {
        if (await services.FindOwnAsync(id) is not { } upload)
        {
            return Problems.NotFound("upload");
        }

        await using var writing = await UploadLock.TryAcquireAsync(services.Redis, id, services.Time);
        if (writing is null)
        {
            return UploadProblems.Busy();
        }

        await services.Uploads.RemoveAsync(upload);
        services.Staging.Delete(id);
        return TypedResults.NoContent();
    }
}
