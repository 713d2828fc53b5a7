namespace NexusChat.AppHost.Infrastructure;

/// <summary>Host mode needs a server binary that is not installed.</summary>
public sealed class MissingHostServerException(IEnumerable<(string Binary, string Package)> missing)
    : Exception(Describe(missing))
{
    private static string Describe(IEnumerable<(string Binary, string Package)> missing)
    {
        var list = missing.ToList();
        return "NexusChat runs its servers as local processes (no container engine answered), but "
            + string.Join(", ", list.Select(m => m.Binary)) + " could not be found." + Environment.NewLine
            + "Install with: sudo apt-get install -y " + string.Join(' ', list.Select(m => m.Package).Distinct())
            + Environment.NewLine
            + "(or run ./build.sh run, which installs them; or set NexusChat__Infrastructure=container with Docker/Podman).";
    }
}
