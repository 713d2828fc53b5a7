using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Conversations.Attachments;
using NexusChat.Storage.Files;

namespace NexusChat.Api.Uploads;

/// <summary>
/// tus PATCH: one chunk streamed from the request body to the staging file at the upload's offset, under the upload's
/// lock, so two replicas or clients never write the same bytes (the second gets 409). Memory stays one buffer per
/// request whatever the chunk's size. The chunk that completes the upload also stores the file.
/// </summary>
public static class UploadChunks
{
    private const int BufferSize = 128 * 1024;

    public static async Task<Results<NoContent, ProblemHttpResult>> AppendChunk(string id, [AsParameters] UploadServices services)
    {
        var request = services.Http.Request;
        if (!string.Equals(request.ContentType, TusProtocol.OffsetContentType, StringComparison.OrdinalIgnoreCase))
        {
            return UploadProblems.WrongContentType();
        }

        if (!long.TryParse(request.Headers[TusProtocol.UploadOffset], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return UploadProblems.BadHeader(TusProtocol.UploadOffset, "required, a whole number of bytes.");
        }

        byte[]? checksum = null;
        if (request.Headers[TusProtocol.UploadChecksum].ToString() is { Length: > 0 } checksumHeader
            && (checksum = TusProtocol.ParseSha256Checksum(checksumHeader)) is null)
        {
            return UploadProblems.BadHeader(TusProtocol.UploadChecksum, $"\"{TusProtocol.ChecksumAlgorithm} <base64 digest>\" is the one algorithm supported.");
        }

        if (await services.FindOwnAsync(id) is null)
        {
            return Problems.NotFound("upload");
        }

        await using var writing = await UploadLock.TryAcquireAsync(services.Redis, id, services.Time);
        if (writing is null)
        {
            return UploadProblems.Busy();
        }

        // Read again under the lock: only now is the offset sure not to move under us.
        if (await services.FindOwnAsync(id) is not { } upload)
        {
            return Problems.NotFound("upload");
        }

        if (upload.IsComplete)
        {
            return UploadProblems.Complete();
        }

        if (offset != upload.Offset)
        {
            return UploadProblems.OffsetMismatch(upload.Offset);
        }

        if (!services.Staging.Exists(id))
        {
            // A replica died after the file store took the staged file and before it recorded the file: the bytes are
            // not here to append to any more, so the upload ends and the client starts again (tus clients do on 404).
            await services.Uploads.RemoveAsync(upload);
            return Problems.NotFound("upload");
        }

        var chunk = await WriteChunkAsync(request.Body, services.Staging, upload, checksum, writing.Lost);
        switch (chunk)
        {
            case ChunkResult.Rejected { Problem: var problem }:
                return problem;
            case ChunkResult.Written { Bytes: var bytes }:
                var advanced = upload with { Offset = upload.Offset + bytes, ExpiresAt = services.Time.GetUtcNow() + services.Limits.Expiry };
                if (advanced.Offset == advanced.Length)
                {
                    advanced = await CompleteAsync(upload, advanced, services, writing.Lost);
                }
                else if (!await services.Uploads.AdvanceAsync(id, upload.Offset, advanced.Offset, advanced.ExpiresAt))
                {
                    // Deleted or expired while we wrote: the staging file belongs to nobody now.
                    services.Staging.Delete(id);
                    return Problems.NotFound("upload");
                }

                services.DescribeOnResponse(advanced);
                return TypedResults.NoContent();
            default:
                throw new System.Diagnostics.UnreachableException($"unexpected {chunk}");
        }
    }

    private abstract record ChunkResult
    {
        public sealed record Written(long Bytes) : ChunkResult;

        public sealed record Rejected(ProblemHttpResult Problem) : ChunkResult;
    }

    /// <summary>
    /// Streams the body to the staging file. Without a checksum the bytes that arrived before a dropped connection
    /// count (that is what makes a long chunk resumable); with one, a chunk counts whole or not at all.
    /// </summary>
    private static async Task<ChunkResult> WriteChunkAsync(
        Stream body, StagingArea staging, UploadRecord upload, byte[]? checksum, CancellationToken lockLost)
    {
        var remaining = upload.Length - upload.Offset;
        using var hash = checksum is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        await using var file = staging.OpenForWriteAt(upload.Id, upload.Offset);
        long written = 0;
        var interrupted = false;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), lockLost);
                }
                catch (Exception e) when (!lockLost.IsCancellationRequested && e is IOException or OperationCanceledException or BadHttpRequestException)
                {
                    interrupted = true;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                if (written + read > remaining)
                {
                    file.SetLength(upload.Offset);
                    return new ChunkResult.Rejected(UploadProblems.ChunkTooLong());
                }

                hash?.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), lockLost);
                written += read;
            }
        }
        catch (OperationCanceledException) when (lockLost.IsCancellationRequested)
        {
            // Another writer may own the file now: leave it alone, and the offset too.
            return new ChunkResult.Rejected(UploadProblems.Busy());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (hash is not null && (interrupted || !CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), checksum)))
        {
            file.SetLength(upload.Offset);
            return new ChunkResult.Rejected(UploadProblems.ChecksumMismatch());
        }

        // On disk before the offset says so, or a crash would leave the offset pointing past real bytes.
        file.Flush(flushToDisk: true);
        return new ChunkResult.Written(written);
    }

    /// <summary>
    /// Hands the staged file to the file store, which hashes it (one read pass: SHA256's state cannot be saved between
    /// chunks that different replicas receive) and, on the filesystem, renames it into place rather than copying it;
    /// then records the file. The offset moves only with the record: if this replica dies before the store took the
    /// file, the client resends the last chunk.
    /// </summary>
    private static async Task<UploadRecord> CompleteAsync(
        UploadRecord before, UploadRecord complete, UploadServices services, CancellationToken lockLost)
    {
        var stored = await services.Files.TakeFileAsync(services.Staging.PathOf(before.Id), lockLost);
        var file = new FileRecord(Guid.NewGuid().ToString("N"), before.OwnerId, before.FileName, before.FileType, stored.Size,
            stored.Sha256, services.Time.GetUtcNow());
        await services.Uploads.CompleteAsync(before, file, services.Limits.Expiry);
        return complete with { FileId = file.Id };
    }
}
