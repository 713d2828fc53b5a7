namespace NexusChat.Web.Client.Features.Appearance;

/// <summary>
/// The theme a person chose in this browser: follow the system, or always light or dark. Stored by js/theme.js
/// (localStorage) under these names, and applied by it before Blazor starts.
/// </summary>
public static class ThemeChoice
{
    public const string System = "system";
    public const string Light = "light";
    public const string Dark = "dark";

    public static IReadOnlyList<(string Value, string Label)> All { get; } =
        [(System, "Match system"), (Light, "Light"), (Dark, "Dark")];

    /// <summary>A stored value as one of the three; anything else (nothing stored, an old value) is <see cref="System"/>.</summary>
    public static string Parse(string? stored) => stored is Light or Dark ? stored : System;
}
