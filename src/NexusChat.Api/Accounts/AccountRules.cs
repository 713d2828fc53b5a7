using System.Text.RegularExpressions;
using NexusChat.Contracts.Accounts;

namespace NexusChat.Api.Accounts;

/// <summary>What makes a username, display name, status message and password acceptable.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 10;

    // Hashing cost grows with length; anything longer is not a password anyone types.
    public const int MaxPasswordLength = 256;
    public const int MaxDisplayNameLength = 64;
    public const int MaxStatusMessageLength = 140;

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,32}$")]
    private static partial Regex UsernamePattern();

    public static string Normalize(string username) => username.ToUpperInvariant();

    public static Dictionary<string, string[]> ValidateRegistration(RegisterRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Username) || !UsernamePattern().IsMatch(request.Username))
        {
            errors["username"] = ["Usernames are 3 to 32 letters, digits, '_', '.' or '-'."];
        }

        AddDisplayNameErrors(request.DisplayName, required: true, errors);

        if (request.Password is null || request.Password.Length < MinPasswordLength)
        {
            errors["password"] = [$"Passwords have at least {MinPasswordLength} characters."];
        }
        else if (request.Password.Length > MaxPasswordLength)
        {
            errors["password"] = [$"Passwords have at most {MaxPasswordLength} characters."];
        }
        else if (request.Username is not null && string.Equals(request.Password, request.Username, StringComparison.OrdinalIgnoreCase))
        {
            errors["password"] = ["The password must not be the username."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> ValidateProfile(UpdateProfileRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        AddDisplayNameErrors(request.DisplayName, required: false, errors);
        if (request.StatusMessage is { } status && (status.Length > MaxStatusMessageLength || HasControlCharacters(status)))
        {
            errors["statusMessage"] = [$"Status messages have at most {MaxStatusMessageLength} characters and no control characters."];
        }

        return errors;
    }

    private static void AddDisplayNameErrors(string? displayName, bool required, Dictionary<string, string[]> errors)
    {
        if (displayName is null)
        {
            if (required)
            {
                errors["displayName"] = ["A display name is required."];
            }

            return;
        }

        var trimmed = displayName.Trim();
        if (trimmed.Length is 0 or > MaxDisplayNameLength || HasControlCharacters(trimmed))
        {
            errors["displayName"] = [$"Display names are 1 to {MaxDisplayNameLength} characters with no control characters."];
        }
    }

    private static bool HasControlCharacters(string value) => value.Any(char.IsControl);
}
