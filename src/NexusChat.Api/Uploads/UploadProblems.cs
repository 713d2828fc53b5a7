using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;

namespace NexusChat.Api.Uploads;

/// <summary>The ProblemDetails of the upload endpoints; tus clients branch on the status, people read the title.</summary>
public static class UploadProblems
{
    public static ProblemHttpResult TooLarge(long maxSize) => Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.UploadTooLarge,
        $"An upload may be at most {maxSize} bytes.");

    public static ProblemHttpResult ChunkTooLong() => Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.UploadTooLarge,
        "The chunk goes past the upload's length; nothing of it was kept.");

    public static ProblemHttpResult OverQuota(long quota) => Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.UploadQuotaExceeded,
        $"This upload would take your files past your quota of {quota} bytes.");

    public static ProblemHttpResult TooManyUploads(int limit) => Problem(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyUploads,
        $"You already have {limit} uploads in progress; finish or delete one first.");

    public static ProblemHttpResult OffsetMismatch(long offset) => Problem(StatusCodes.Status409Conflict, ProblemTypes.UploadConflict,
        $"The upload is at offset {offset}; send the chunk that starts there (HEAD tells the offset).");

    public static ProblemHttpResult Busy() => Problem(StatusCodes.Status409Conflict, ProblemTypes.UploadConflict,
        "Another request is writing this upload; ask HEAD for the offset and try again.");

    public static ProblemHttpResult Complete() => Problem(StatusCodes.Status409Conflict, ProblemTypes.UploadConflict,
        "The upload is complete; it takes no more bytes.");

    public static ProblemHttpResult ChecksumMismatch() => Problem(TusProtocol.ChecksumMismatchStatus, ProblemTypes.UploadChecksumMismatch,
        "The chunk's bytes do not match its Upload-Checksum; nothing of it was kept.");

    public static ProblemHttpResult UnsupportedVersion() => Problem(StatusCodes.Status412PreconditionFailed, ProblemTypes.TusVersionUnsupported,
        $"This server speaks tus {TusProtocol.Version}; send Tus-Resumable: {TusProtocol.Version}.");

    public static ProblemHttpResult WrongContentType() => Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.BadRequest,
        $"A chunk is sent as {TusProtocol.OffsetContentType}.");

    public static ProblemHttpResult BadHeader(string header, string why) => Problem(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest,
        $"{header}: {why}");

    private static ProblemHttpResult Problem(int status, string type, string title) =>
        TypedResults.Problem(statusCode: status, type: type, title: title);
}
