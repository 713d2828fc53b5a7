namespace NexusChat.Api.Errors;

/// <summary>Stable <c>type</c> URIs of our ProblemDetails, so clients branch on them rather than on titles.</summary>
public static class ProblemTypes
{
    private const string Base = "https://nexuschat.dev/problems/";

    public const string Validation = Base + "validation";
    public const string UsernameTaken = Base + "username-taken";
    public const string InvalidCredentials = Base + "invalid-credentials";
    public const string InvalidRefreshToken = Base + "invalid-refresh-token";
    public const string NotFound = Base + "not-found";
    public const string Forbidden = Base + "forbidden";
    public const string MessageDeleted = Base + "message-deleted";
    public const string TooManyReactions = Base + "too-many-reactions";
    public const string CallMessage = Base + "call-message";
    public const string RateLimited = Base + "rate-limited";
    public const string ConversationBusy = Base + "conversation-busy";
    public const string BadRequest = Base + "bad-request";
    public const string UploadTooLarge = Base + "upload-too-large";
    public const string UploadQuotaExceeded = Base + "upload-quota-exceeded";
    public const string TooManyUploads = Base + "too-many-uploads";
    public const string UploadConflict = Base + "upload-conflict";
    public const string UploadChecksumMismatch = Base + "upload-checksum-mismatch";
    public const string TusVersionUnsupported = Base + "tus-version-unsupported";
    public const string NotAnImage = Base + "not-an-image";
    public const string ImageTooLarge = Base + "image-too-large";
}
