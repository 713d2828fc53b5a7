using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace NexusChat.Web.Client.Features.Emoji;

/// <summary>
/// Loads the emoji set on first use (a picker opening), not at start-up: its ≈150 KB (≈40 KB compressed) are not
/// on the path to the first screen. A failed load is tried again on the next open.
/// </summary>
public sealed class EmojiCatalog(HttpClient http)
{
    public const string DataPath = "lib/emoji-mart-data/emoji.json";

    private Task<EmojiSet>? _loading;

    public EmojiSet? Loaded => _loading is { IsCompletedSuccessfully: true } loading ? loading.Result : null;

    public async Task<EmojiSet> LoadAsync(CancellationToken cancellationToken = default)
    {
        var loading = _loading ??= FetchAsync();
        try
        {
            return await loading.WaitAsync(cancellationToken);
        }
        catch (Exception) when (loading.IsFaulted)
        {
            _loading = null;
            throw;
        }
    }

    private async Task<EmojiSet> FetchAsync()
    {
        var file = await http.GetFromJsonAsync(DataPath, EmojiJsonContext.Default.EmojiFile)
            ?? throw new InvalidOperationException($"{DataPath} is empty.");
        return Read(file);
    }

    /// <summary>The set from the vendored file's shape: per category, rows of [emoji, name, search words].</summary>
    public static EmojiSet Read(EmojiFile file) => new(file.Categories
        .Select(c => new EmojiCategory(c.Id, c.Name, c.Emojis.Where(row => row.Length == 3).Select(row => new EmojiEntry(row[0], row[1], row[2])).ToList()))
        .ToList());
}

public sealed record EmojiFile(IReadOnlyList<EmojiFileCategory> Categories);

public sealed record EmojiFileCategory(string Id, string Name, IReadOnlyList<string[]> Emojis);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EmojiFile))]
public sealed partial class EmojiJsonContext : JsonSerializerContext;
